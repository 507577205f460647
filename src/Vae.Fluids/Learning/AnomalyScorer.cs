using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Data;
using Vae.Fluids.Potentials;

namespace Vae.Fluids.Learning;

/// <summary>
/// Five anomaly scores, calibrated on normal reference matrices (e.g. the training set), each larger for "more
/// anomalous": four of a trained <see cref="FluidVaeModel"/> and one of the known physics:
/// <list type="bullet">
/// <item><b>reconstruction</b>: the per-sample MSE of decode(μ(x)) (one-sided, the slides' score);</item>
/// <item><b>two-sided reconstruction</b>: |log MSE − m|/s with m, s the mean and standard deviation of log MSE on
/// the reference, so data that reconstructs unusually <i>well</i> (e.g. the compact fake-potential fluid) also scores high;</item>
/// <item><b>latent Mahalanobis</b>: √((μ(x) − m)ᵀ Σ⁻¹ (μ(x) − m)) with m, Σ the mean and covariance of the reference
/// posterior means (Σ + ridge·tr(Σ)/k·I), a Gaussian density of the codes;</item>
/// <item><b>negative log-likelihood</b>: −log p̂(x) by importance sampling (<see cref="FluidVaeModel.LogLikelihoods"/>), nats;</item>
/// <item><b>Boltzmann pair energy</b>: |U_pair − m|/s with U_pair = Σ_{i&lt;j} u(d_ij) (<see cref="PairEnergies"/>, u =
/// <see cref="AnomalyScoreOptions.PairPotential"/>, ε) and m, s the mean and standard deviation of U_pair on the
/// reference. Normal data are Boltzmann samples, p(x) ∝ exp(−(U_pair + γ Σ y_i)/T), so U_pair is −T log p up to the
/// gravity term (which the distance matrix does not carry) and a constant; the score is two-sided because both too
/// high (overlaps) and too low energies are improbable. It uses the known physics and no learning: a reference beside
/// the VAE's scores, not one of them. A matrix with a pair at r = 0 (e.g. a 0-filled masked entry) has U_pair = +∞ and
/// scores <see cref="double.MaxValue"/>, so the score stays finite for ROC curves with the ranking unchanged.</item>
/// </list>
/// </summary>
/// <remarks>Immutable after <see cref="Fit"/>; scoring calls the model, which is not thread-safe.</remarks>
public sealed class AnomalyScorer
{
    private readonly Vector<double> _mean;
    private readonly Matrix<double> _precision;

    private AnomalyScorer(FluidVaeModel model, AnomalyScoreOptions options, double logMseMean, double logMseStdDev, Vector<double> mean, Matrix<double> precision,
        double pairEnergyMean, double pairEnergyStdDev)
    {
        PairEnergyMean = pairEnergyMean;
        PairEnergyStdDev = pairEnergyStdDev;
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

    /// <summary>Mean of U_pair over the reference, ε.</summary>
    public double PairEnergyMean { get; }

    /// <summary>Standard deviation of U_pair over the reference (&gt; 0), ε.</summary>
    public double PairEnergyStdDev { get; }

    /// <summary>Calibrates the scores on normal matrices.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="reference">Normal matrices, ≥ latent size + 2 of them (typically a subset of the training data).</param>
    /// <param name="options">Importance samples, seed and ridge; <see cref="AnomalyScoreOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Too few reference matrices, N differs from the model's, an entry of
    /// <paramref name="reference"/> is not a finite distance ≥ 0, the reference pair energies are not finite or all
    /// equal (checked before any model pass), a log reconstruction error is not finite or they are all equal, or the
    /// latent covariance is singular with <c>options.Ridge</c> = 0 (ParamName <c>options.Ridge</c>).</exception>
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
        // The pair energies first: they check every entry and cost no model pass.
        IReadOnlyList<double> energies;
        try
        {
            energies = PairEnergies(reference, options.PairPotential);
        }
        catch (ArgumentException e) when (e.ParamName == "matrices")
        {
            throw new ArgumentException(e.Message.Replace("matrices[", "reference[", StringComparison.Ordinal), nameof(reference), e);
        }
        if (energies.Any(e => !double.IsFinite(e)))
            throw new ArgumentException($"reference matrix {energies.ToList().FindIndex(e => !double.IsFinite(e))} has a non-finite pair energy (a pair at r = 0?); normal data cannot calibrate the energy score.", nameof(reference));
        double energyMean = energies.Average();
        double energySd = Math.Sqrt(energies.Sum(e => (e - energyMean) * (e - energyMean)) / (energies.Count - 1));
        if (!(energySd > 0)) throw new ArgumentException("The reference matrices all have the same pair energy; the energy score is undefined.", nameof(reference));
        var logMse = model.ReconstructionErrors(reference).Select(v => Math.Log(v)).ToArray();
        int exact = Array.FindIndex(logMse, v => !double.IsFinite(v));
        if (exact >= 0)
            throw new ArgumentException($"reference matrix {exact} has log MSE = {logMse[exact]} (reconstructed exactly?); the two-sided score needs finite log errors.", nameof(reference));
        double m = logMse.Average();
        double s = Math.Sqrt(logMse.Sum(v => (v - m) * (v - m)) / (logMse.Length - 1));
        if (!(s > 0)) throw new ArgumentException("The reference matrices all reconstruct equally well; the two-sided score is undefined.", nameof(reference));
        var codes = model.LatentMeans(reference);
        var mean = codes.ColumnSums() / codes.RowCount;
        var centred = codes - Matrix<double>.Build.Dense(codes.RowCount, k, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (codes.RowCount - 1);
        double ridge = options.Ridge * covariance.Trace() / k;
        Matrix<double> precision;
        try
        {
            precision = (covariance + Matrix<double>.Build.DenseIdentity(k) * ridge).Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The latent covariance of reference is singular (a collapsed latent unit?) and options.Ridge = {options.Ridge} does not regularise it; use Ridge > 0.", "options.Ridge", e);
        }
        return new AnomalyScorer(model, options, m, s, mean, precision, energyMean, energySd);
    }

    /// <summary>U_pair = Σ_{i&lt;j} u(d_ij) of every matrix, in ε: the pair energy, a function of the distance matrix alone.</summary>
    /// <param name="matrices">Distance matrices [count, N, N], σ (only the upper triangle is read).</param>
    /// <param name="potential">u(r), e.g. <see cref="LennardJones.Untruncated"/>: 4(r⁻¹² − r⁻⁶).</param>
    /// <returns>Shape [count]; +∞ where a pair sits at r = 0 (the repulsive core).</returns>
    /// <exception cref="ArgumentException">An upper-triangle entry is negative, NaN or ±∞.</exception>
    public static IReadOnlyList<double> PairEnergies(DistanceMatrixSet matrices, LennardJones potential)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        int n = matrices.Particles, d = n * n;
        var values = matrices.Values;
        var energies = new double[matrices.Count];
        for (int k = 0; k < matrices.Count; k++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    double r = values[k * d + i * n + j];
                    if (!(r >= 0) || !double.IsFinite(r))
                        throw new ArgumentException($"matrices[{k}][{i}, {j}] = {r} is not a finite distance ≥ 0.", nameof(matrices));
                    sum += potential.Energy(r * r);
                }
            energies[k] = sum;
        }
        return Array.AsReadOnly(energies);
    }

    /// <summary>All scores of every matrix.</summary>
    /// <param name="matrices">Matrices with the model's N, ≥ 1.</param>
    /// <exception cref="ArgumentException">N differs from the model's, the set is empty, or an entry is not a finite distance ≥ 0.</exception>
    public AnomalyScores Score(DistanceMatrixSet matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (matrices.Count == 0) throw new ArgumentException("matrices is empty.", nameof(matrices));
        var energy = PairEnergies(matrices, Options.PairPotential)
            .Select(e => Math.Abs(e - PairEnergyMean) / PairEnergyStdDev).Select(v => double.IsFinite(v) ? v : double.MaxValue).ToArray();
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
        return new AnomalyScores(mse, Array.AsReadOnly(twoSided), Array.AsReadOnly(mahalanobis), Array.AsReadOnly(nll), Array.AsReadOnly(energy));
    }
}
