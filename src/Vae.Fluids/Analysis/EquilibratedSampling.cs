using Vae.Fluids.Sampling;

namespace Vae.Fluids.Analysis;

/// <summary>
/// Data sets drawn from equilibrium, with the evidence: long reference chains measure ⟨U'/N⟩ and its integrated
/// autocorrelation time τ_int (Sokal's window, <see cref="Autocorrelation"/>); the chained scheme then samples every
/// ⌈factor·τ_int⌉ sweeps (factor 2 by default) after the reference burn-in, and the sample mean energy is compared
/// with the reference. Any scheme can be passed (e.g. <see cref="MetropolisOptions.Slides"/>): its evidence then
/// shows how far it is from equilibrium.
/// </summary>
/// <remarks>
/// Random streams: the reference chains are <see cref="Metropolis.Trace(MetropolisOptions, int, int)"/> replicas
/// max(count, Chains) + c, c = 0..R−1, so they never share a stream with a production sample or chain; δ is tuned once
/// on stream 0 exactly as for the production run. Bit-reproducible for a fixed seed (and chain count), whatever the
/// thread count. τ_int is the energy's; slower observables (cluster coalescence at γ ≈ 0.4, docs/fluids.md §4) may
/// decorrelate more slowly.
/// </remarks>
public static class EquilibratedSampling
{
    /// <summary>Measures the reference, chooses the decorrelation (chained scheme), samples and records the evidence.</summary>
    /// <param name="options">Sampler options; <see cref="MetropolisOptions.Equilibrated"/> for equilibrium data.</param>
    /// <param name="count">Configurations, ≥ 2.</param>
    /// <param name="settings">Reference chains and decorrelation rule; <see cref="EquilibratedSamplingOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the configurations finished so far.</param>
    /// <param name="cancellationToken">Stops between chains and configurations.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option or setting is out of range, or <paramref name="count"/> &lt; 2.</exception>
    public static EquilibratedSamples Sample(MetropolisOptions options, int count, EquilibratedSamplingOptions? settings = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Metropolis.Validate(options);
        settings ??= EquilibratedSamplingOptions.Default;
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);

        int chains = settings.ReferenceChains, burnIn = settings.ReferenceBurnInSweeps, first = Math.Max(count, options.Chains);
        var traces = new EnergyTrace[chains];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        ParallelRunner.For(chains, parallel, c => traces[c] = Metropolis.Trace(options, burnIn + settings.ReferenceSweeps, first + c));
        double reference = 0, referenceVariance = 0;
        var taus = new double[chains];
        for (int c = 0; c < chains; c++)
        {
            var estimate = Autocorrelation.IntegratedTime(traces[c].EnergyPerParticle.Skip(burnIn).ToArray());
            reference += estimate.Mean / chains;
            referenceVariance += estimate.StandardError * estimate.StandardError / ((double)chains * chains);
            taus[c] = estimate.IntegratedTime;
        }
        double tau = taus.Average();

        var used = options;
        if (options.Scheme == SamplingScheme.Chained && settings.ChooseDecorrelation)
            used = options with
            {
                DecorrelationSweeps = Math.Max(1, (int)Math.Ceiling(settings.DecorrelationFactor * tau)),
                BurnInSweeps = Math.Max(options.BurnInSweeps, burnIn),
            };
        var samples = Metropolis.Sample(used, count, progress, cancellationToken);
        var perParticle = samples.Energies.Select(e => e / used.Particles).ToArray();
        var sampleEstimate = Autocorrelation.IntegratedTime(perParticle);
        bool chained = used.Scheme == SamplingScheme.Chained;
        var evidence = new EquilibrationEvidence(used.Scheme,
            chained ? used.DecorrelationSweeps : used.SweepsPerSample, chained ? used.BurnInSweeps : 0,
            sampleEstimate.Mean, sampleEstimate.StandardError, sampleEstimate.IntegratedTime,
            reference, Math.Sqrt(referenceVariance), tau, Array.AsReadOnly(taus), chains, settings.ReferenceSweeps, burnIn,
            samples.Acceptance, samples.MaxDisplacement, settings.Tolerance);
        return new EquilibratedSamples(samples, evidence, used);
    }
}
