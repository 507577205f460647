using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// Three anomaly scores of a trained <see cref="FluidVaeModel"/>, calibrated on normal reference matrices (e.g. the
/// training set), each larger for "more anomalous":
/// <list type="bullet">
/// <item><b>reconstruction</b>: the per-sample MSE of decode(μ(x)) (one-sided, the slides' score);</item>
/// <item><b>two-sided reconstruction</b>: |log MSE − m|/s with m, s the mean and standard deviation of log MSE on
/// the reference, so data that reconstructs unusually <i>well</i> (e.g. the compact fake-potential fluid) also scores high;</item>
/// <item><b>latent Mahalanobis</b>: √((μ(x) − m)ᵀ Σ⁻¹ (μ(x) − m)) with m, Σ the mean and covariance of the reference
/// posterior means (Σ + ridge·tr(Σ)/k·I), a Gaussian density of the codes;</item>
/// <item><b>negative log-likelihood</b>: −log p̂(x) by importance sampling (<see cref="FluidVaeModel.LogLikelihoods"/>), nats.</item>
/// </list>
/// </summary>
/// <remarks>Immutable after <see cref="Fit"/>; scoring calls the model, which is not thread-safe.</remarks>
public sealed class AnomalyScorer
{
    private readonly Vector<double> _mean;
    private readonly Matrix<double> _precision;

    private AnomalyScorer(FluidVaeModel model, AnomalyScoreOptions options, double logMseMean, double logMseStdDev, Vector<double> mean, Matrix<double> precision)
    {
        Model = model;
        Options = options;
        LogMseMean = logMseMean;
        LogMseStdDev = logMseStdDev;
        _mean = mean;
        _precision = precision;
    }

    /// <summary>The model (bound, not copied).</summary>
    public FluidVaeModel Model { get; }

    /// <summary>The options used.</summary>
    public AnomalyScoreOptions Options { get; }

    /// <summary>Mean of log MSE over the reference.</summary>
    public double LogMseMean { get; }

    /// <summary>Standard deviation of log MSE over the reference (&gt; 0).</summary>
    public double LogMseStdDev { get; }

    /// <summary>Calibrates the scores on normal matrices.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="reference">Normal matrices, ≥ latent size + 2 of them (typically a subset of the training data).</param>
    /// <param name="options">Importance samples, seed and ridge; <see cref="AnomalyScoreOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Too few reference matrices, or N differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static AnomalyScorer Fit(FluidVaeModel model, DistanceMatrixSet reference, AnomalyScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= AnomalyScoreOptions.Default;
        options.Validate();
        int k = model.Model.LatentSize;
        if (reference.Count < k + 2)
            throw new ArgumentException($"reference has {reference.Count} matrices; at least latent size + 2 = {k + 2} are needed.", nameof(reference));
        var logMse = model.ReconstructionErrors(reference).Select(v => Math.Log(v)).ToArray();
        double m = logMse.Average();
        double s = Math.Sqrt(logMse.Sum(v => (v - m) * (v - m)) / (logMse.Length - 1));
        if (!(s > 0)) throw new ArgumentException("The reference matrices all reconstruct equally well; the two-sided score is undefined.", nameof(reference));
        var codes = model.LatentMeans(reference);
        var mean = codes.ColumnSums() / codes.RowCount;
        var centred = codes - Matrix<double>.Build.Dense(codes.RowCount, k, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (codes.RowCount - 1);
        double ridge = options.Ridge * covariance.Trace() / k;
        var precision = (covariance + Matrix<double>.Build.DenseIdentity(k) * ridge).Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        return new AnomalyScorer(model, options, m, s, mean, precision);
    }

    /// <summary>All scores of every matrix.</summary>
    /// <param name="matrices">Matrices with the model's N, ≥ 1.</param>
    /// <exception cref="ArgumentException">N differs from the model's, or the set is empty.</exception>
    public AnomalyScores Score(DistanceMatrixSet matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (matrices.Count == 0) throw new ArgumentException("matrices is empty.", nameof(matrices));
        var mse = Model.ReconstructionErrors(matrices);
        var twoSided = mse.Select(v => Math.Abs(Math.Log(v) - LogMseMean) / LogMseStdDev).ToArray();
        var codes = Model.LatentMeans(matrices);
        var mahalanobis = new double[matrices.Count];
        for (int i = 0; i < matrices.Count; i++)
        {
            var r = codes.Row(i) - _mean;
            mahalanobis[i] = Math.Sqrt(Math.Max(0, r * (_precision * r)));
        }
        var nll = Model.LogLikelihoods(matrices, Options.ImportanceSamples, Options.Seed).Select(v => -v).ToArray();
        return new AnomalyScores(mse, Array.AsReadOnly(twoSided), Array.AsReadOnly(mahalanobis), Array.AsReadOnly(nll));
    }
}
