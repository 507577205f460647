using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Probes;

/// <summary>
/// A fitted multinomial logistic regression (the linear probe): class scores zᵢ = W x̃ᵢ + b with x̃ the (optionally
/// standardised) features, probabilities softmax(z). Immutable; accessors return copies.
/// </summary>
public sealed class LinearProbeModel
{
    private readonly Matrix<double> _weights;     // [classes, features], in the standardised space
    private readonly Vector<double> _intercepts;  // [classes]
    private readonly Vector<double> _featureMean; // [features]
    private readonly Vector<double> _featureScale;
    private readonly int[] _classes;

    internal LinearProbeModel(Matrix<double> weights, Vector<double> intercepts, Vector<double> featureMean, Vector<double> featureScale,
        int[] classes, double objective, int iterations)
    {
        _weights = weights;
        _intercepts = intercepts;
        _featureMean = featureMean;
        _featureScale = featureScale;
        _classes = classes;
        Objective = objective;
        Iterations = iterations;
    }

    /// <summary>The class labels the model distinguishes (those present in the training labels), increasing; row r of <see cref="Weights"/> is class <c>Classes[r]</c>.</summary>
    public IReadOnlyList<int> Classes => Array.AsReadOnly(_classes);

    /// <summary>Number of input features.</summary>
    public int FeatureCount => _weights.ColumnCount;

    /// <summary>Weights W, shape [classes, features], acting on the standardised features when <see cref="LinearProbeOptions.Standardize"/> was set; a fresh copy.</summary>
    public Matrix<double> Weights => _weights.Clone();

    /// <summary>Intercepts b, shape [classes]; a fresh copy.</summary>
    public Vector<double> Intercepts => _intercepts.Clone();

    /// <summary>
    /// The regularised objective at the optimum, C·Σᵢ log-loss + ½‖W‖²_F in nats (scikit-learn's convention; on the
    /// standardised features when standardisation was on).
    /// </summary>
    public double Objective { get; }

    /// <summary>L-BFGS iterations used.</summary>
    public int Iterations { get; }

    /// <summary>Class probabilities for each row of <paramref name="features"/>.</summary>
    /// <param name="features">Shape [samples, features], in the same units as the training features.</param>
    /// <returns>Shape [samples, classes], rows summing to 1, columns in the order of <see cref="Classes"/>; a fresh matrix.</returns>
    /// <exception cref="ArgumentException">The feature count differs from the training data.</exception>
    public Matrix<double> PredictProbabilities(Matrix<double> features)
    {
        var z = Scores(features);
        for (int i = 0; i < z.RowCount; i++)
        {
            double max = double.NegativeInfinity;
            for (int r = 0; r < z.ColumnCount; r++) max = Math.Max(max, z[i, r]);
            double sum = 0;
            for (int r = 0; r < z.ColumnCount; r++) sum += z[i, r] = Math.Exp(z[i, r] - max);
            for (int r = 0; r < z.ColumnCount; r++) z[i, r] /= sum;
        }
        return z;
    }

    /// <summary>The most probable class label of each row (ties: the smaller label).</summary>
    /// <param name="features">Shape [samples, features].</param>
    /// <returns>Labels, shape [samples].</returns>
    /// <exception cref="ArgumentException">The feature count differs from the training data.</exception>
    public IReadOnlyList<int> Predict(Matrix<double> features)
    {
        var z = Scores(features);
        var labels = new int[z.RowCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int best = 0;
            for (int r = 1; r < z.ColumnCount; r++)
                if (z[i, r] > z[i, best]) best = r;
            labels[i] = _classes[best];
        }
        return Array.AsReadOnly(labels);
    }

    /// <summary>Fraction of rows whose predicted label equals <paramref name="labels"/>, in [0, 1].</summary>
    /// <exception cref="ArgumentException">Row and label counts differ, or there are no rows.</exception>
    public double Accuracy(Matrix<double> features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var predicted = Predict(features);
        if (predicted.Count != labels.Count || labels.Count == 0)
            throw new ArgumentException($"labels has {labels.Count} entries; features has {predicted.Count} rows (must be equal and > 0).", nameof(labels));
        int correct = 0;
        for (int i = 0; i < labels.Count; i++)
            if (predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Count;
    }

    private Matrix<double> Scores(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.ColumnCount != FeatureCount)
            throw new ArgumentException($"features has {features.ColumnCount} columns; the probe was fitted on {FeatureCount}.", nameof(features));
        var z = LinearProbe.Standardized(features, _featureMean, _featureScale).TransposeAndMultiply(_weights);
        for (int i = 0; i < z.RowCount; i++)
            for (int r = 0; r < z.ColumnCount; r++)
                z[i, r] += _intercepts[r];
        return z;
    }

    /// <inheritdoc />
    public override string ToString() => $"linear probe: {_classes.Length} classes, {FeatureCount} features, objective {Objective:G6}";
}
