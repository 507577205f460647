using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Random;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Probes;

/// <summary>
/// Linear separability of latent features: multinomial logistic regression with an L2 penalty, fitted by MathNet's
/// L-BFGS with the analytic gradient (Peşte, Malagò &amp; Sârbu, §2.2; the probe idea after Makhzani et al. 2016).
/// </summary>
/// <remarks>
/// Objective (scikit-learn's <c>LogisticRegression(C, solver="lbfgs", multi_class="multinomial")</c>):
/// C·Σᵢ [logsumexp(W x̃ᵢ + b) − (W x̃ᵢ + b)_yᵢ] + ½‖W‖²_F, with one weight row per class (the symmetric
/// parametrisation) and unpenalised intercepts. Strictly convex in W, so the optimum value is unique.
/// Deterministic: for fixed inputs and seed the split, the latent draw and the predictions are reproducible; the
/// objective can differ in the last bits between runs because MKL's GEMM kernels may depend on memory alignment
/// (set <c>MKL_CBWR=COMPATIBLE</c> for bitwise reproducibility).
/// </remarks>
public static class LinearProbe
{
    /// <summary>Fits the probe on all rows.</summary>
    /// <param name="features">Shape [samples, features], finite.</param>
    /// <param name="labels">Class labels ≥ 0, shape [samples]; at least 2 distinct values.</param>
    /// <param name="options">Hyper-parameters; <see cref="LinearProbeOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Shapes disagree, a label is negative, fewer than 2 classes, or a non-finite feature.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="MaximumIterationsException">L-BFGS did not meet the gradient tolerance within the iteration limit.</exception>
    public static LinearProbeModel Fit(Matrix<double> features, IReadOnlyList<int> labels, LinearProbeOptions? options = null)
    {
        options ??= LinearProbeOptions.Default;
        options.Validate(nameof(options));
        Validate(features, labels);
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"labels has {classes.Length} distinct class; a probe needs at least 2.", nameof(labels));
        var index = new Dictionary<int, int>();
        for (int r = 0; r < classes.Length; r++) index[classes[r]] = r;
        var y = labels.Select(l => index[l]).ToArray();

        int d = features.ColumnCount;
        var mean = Vector<double>.Build.Dense(d);
        var scale = Vector<double>.Build.Dense(d, 1.0);
        if (options.Standardize)
        {
            mean = features.ColumnSums() / features.RowCount;
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < features.RowCount; i++) sum += (features[i, j] - mean[j]) * (features[i, j] - mean[j]);
                double std = Math.Sqrt(sum / features.RowCount);
                scale[j] = std > 0 ? std : 1.0;
            }
        }
        var x = Standardized(features, mean, scale);
        var objective = new MultinomialLogisticObjective(x, y, classes.Length, options.InverseRegularization);
        var minimizer = new LimitedMemoryBfgsMinimizer(options.GradientTolerance, 0.0, 0.0, 10, options.MaximumIterations);
        var result = minimizer.FindMinimum(ObjectiveFunction.Gradient(objective.Evaluate), Vector<double>.Build.Dense(objective.ParameterCount));
        var (w, b) = objective.Unpack(result.MinimizingPoint);
        return new LinearProbeModel(w, b, mean, scale, classes, objective.Unscaled(result.FunctionInfoAtMinimum.Value), result.Iterations);
    }

    /// <summary>Fits on a shuffled training part and reports train and held-out accuracy.</summary>
    /// <param name="features">Shape [samples, features].</param>
    /// <param name="labels">Shape [samples].</param>
    /// <param name="featureSet">Recorded in the result (which features these are).</param>
    /// <param name="options">Hyper-parameters (<see cref="LinearProbeOptions.TestFraction"/>, <see cref="LinearProbeOptions.Seed"/>); default when null.</param>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>, or too few samples to split.</exception>
    public static ProbeEvaluation Evaluate(Matrix<double> features, IReadOnlyList<int> labels, ProbeFeatureSet featureSet, LinearProbeOptions? options = null)
    {
        options ??= LinearProbeOptions.Default;
        options.Validate(nameof(options));
        Validate(features, labels);
        int n = features.RowCount;
        int test = (int)Math.Round(options.TestFraction * n);
        if (test < 1 || n - test < 2)
            throw new ArgumentException($"features has {n} rows; TestFraction={options.TestFraction} leaves {test} test and {n - test} training rows (need ≥ 1 and ≥ 2).", nameof(features));
        var order = Shuffled(n, options.Seed);
        var trainRows = order[test..];
        var testRows = order[..test];
        var model = Fit(Rows(features, trainRows), trainRows.Select(i => labels[i]).ToArray(), options);
        return new ProbeEvaluation(
            featureSet,
            model.Accuracy(Rows(features, trainRows), trainRows.Select(i => labels[i]).ToArray()),
            model.Accuracy(Rows(features, testRows), testRows.Select(i => labels[i]).ToArray()),
            trainRows.Length, testRows.Length, model.Objective, model.Iterations);
    }

    /// <summary>Evaluates the probe on the three feature sets of Peşte, Malagò &amp; Sârbu, Fig. 3 (same split for all three).</summary>
    /// <param name="posteriors">The encoder's posteriors for n labelled inputs.</param>
    /// <param name="labels">Shape [n].</param>
    /// <param name="options">Hyper-parameters; the seed drives both the split and the latent draw. Default when null.</param>
    /// <exception cref="ArgumentException">As <see cref="Evaluate"/>.</exception>
    public static ProbeAccuracies EvaluateFeatureSets(DiagonalNormalBatch posteriors, IReadOnlyList<int> labels, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(posteriors);
        options ??= LinearProbeOptions.Default;
        ProbeEvaluation Run(ProbeFeatureSet set) => Evaluate(ProbeFeatures.Build(posteriors, set, options.Seed), labels, set, options);
        return new ProbeAccuracies(Run(ProbeFeatureSet.Mean), Run(ProbeFeatureSet.MeanVariance), Run(ProbeFeatureSet.Sampled));
    }

    internal static Matrix<double> Standardized(Matrix<double> x, Vector<double> mean, Vector<double> scale)
    {
        var result = x.Clone();
        for (int j = 0; j < result.ColumnCount; j++)
        {
            double m = mean[j], s = scale[j];
            for (int i = 0; i < result.RowCount; i++) result[i, j] = (result[i, j] - m) / s;
        }
        return result;
    }

    private static void Validate(Matrix<double> features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.RowCount != labels.Count)
            throw new ArgumentException($"labels has {labels.Count} entries; features has {features.RowCount} rows.", nameof(labels));
        if (features.ColumnCount == 0)
            throw new ArgumentException("features has no columns.", nameof(features));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0) throw new ArgumentException($"labels[{i}] = {labels[i]} is negative.", nameof(labels));
        GaussianValidation.RequireFinite(features, nameof(features));
    }

    private static int[] Shuffled(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Xoshiro256StarStar(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static Matrix<double> Rows(Matrix<double> x, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, x.ColumnCount, (i, j) => x[rows[i], j]);
}
