using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Decomposition;

/// <summary>
/// A fitted principal component analysis (scikit-learn's fitted <c>PCA</c>, immutable): the mean, the principal axes
/// and the variance along each, for data of shape [samples, features].
/// </summary>
/// <remarks>
/// Sign convention: in every component (row of <see cref="Components"/>) the entry of largest absolute value is
/// positive (ties: the first such entry), scikit-learn's <c>svd_flip(u, vt, u_based_decision=False)</c>, which its
/// PCA uses from version 1.5. Other versions may return some components negated; compare components up to sign.
/// Accessors return fresh copies.
/// </remarks>
public sealed class PcaModel
{
    private readonly Vector<double> _mean;
    private readonly Matrix<double> _components; // [components, features]
    private readonly double[] _explainedVariance;
    private readonly double[] _explainedVarianceRatio;
    private readonly double[] _singularValues;

    internal PcaModel(int sampleCount, Vector<double> mean, Matrix<double> components, double[] singularValues, double totalVariance)
    {
        SampleCount = sampleCount;
        _mean = mean;
        _components = components;
        _singularValues = singularValues;
        _explainedVariance = Array.ConvertAll(singularValues, s => s * s / Math.Max(1, sampleCount - 1));
        TotalVariance = totalVariance;
        _explainedVarianceRatio = Array.ConvertAll(_explainedVariance, v => totalVariance > 0 ? v / totalVariance : 0.0);
    }

    /// <summary>Number of samples the model was fitted on.</summary>
    public int SampleCount { get; }

    /// <summary>Number of features (columns of the data).</summary>
    public int FeatureCount => _mean.Count;

    /// <summary>Number of components kept.</summary>
    public int ComponentCount => _components.RowCount;

    /// <summary>Per-feature mean of the training data, shape [features] (scikit-learn <c>mean_</c>), a fresh copy.</summary>
    public Vector<double> Mean => _mean.Clone();

    /// <summary>Principal axes as rows, shape [components, features], orthonormal, by decreasing variance (scikit-learn <c>components_</c>), a fresh copy.</summary>
    public Matrix<double> Components => _components.Clone();

    /// <summary>
    /// Variance along each component — the eigenvalues of the sample covariance (divisor n − 1), decreasing; in the
    /// units² of the data (scikit-learn <c>explained_variance_</c>).
    /// </summary>
    public IReadOnlyList<double> ExplainedVariance => Array.AsReadOnly(_explainedVariance);

    /// <summary>Each component's share of the total variance, in [0, 1] (scikit-learn <c>explained_variance_ratio_</c>).</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio => Array.AsReadOnly(_explainedVarianceRatio);

    /// <summary>Singular values of the centred data matrix, decreasing (scikit-learn <c>singular_values_</c>).</summary>
    public IReadOnlyList<double> SingularValues => Array.AsReadOnly(_singularValues);

    /// <summary>Total variance: the trace of the sample covariance (sum of all eigenvalues, also those not kept).</summary>
    public double TotalVariance { get; }

    /// <summary>Number of kept components whose variance exceeds <paramref name="epsilon"/> (the "active" directions).</summary>
    /// <param name="epsilon">Threshold ε on the eigenvalue, in the data's units². Range: ≥ 0. Peşte, Malagò &amp; Sârbu use 0.01.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
    public int CountAbove(double epsilon)
    {
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and ≥ 0.");
        return _explainedVariance.Count(v => v > epsilon);
    }

    /// <summary>Projects data onto the components: (x − mean) · Componentsᵀ.</summary>
    /// <param name="x">Data, shape [samples, features].</param>
    /// <returns>Scores, shape [samples, components], a fresh matrix.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has a different number of features.</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != FeatureCount)
            throw new ArgumentException($"x has {x.ColumnCount} columns; the model was fitted on {FeatureCount} features.", nameof(x));
        return Pca.Centred(x, _mean).TransposeAndMultiply(_components);
    }

    /// <summary>Maps scores back to data space: scores · Components + mean (exact when all components are kept).</summary>
    /// <param name="scores">Scores, shape [samples, components].</param>
    /// <returns>Data, shape [samples, features], a fresh matrix.</returns>
    /// <exception cref="ArgumentException"><paramref name="scores"/> has a different number of columns than there are components.</exception>
    public Matrix<double> InverseTransform(Matrix<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.ColumnCount != ComponentCount)
            throw new ArgumentException($"scores has {scores.ColumnCount} columns; the model has {ComponentCount} components.", nameof(scores));
        var x = scores * _components;
        for (int j = 0; j < x.ColumnCount; j++)
        {
            double m = _mean[j];
            for (int i = 0; i < x.RowCount; i++) x[i, j] += m;
        }
        return x;
    }

    /// <inheritdoc />
    public override string ToString() => $"PCA: {ComponentCount} of {FeatureCount} components, fitted on {SampleCount} samples";
}
