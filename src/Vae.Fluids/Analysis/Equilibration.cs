using Vae.Fluids.Sampling;

namespace Vae.Fluids.Analysis;

/// <summary>
/// Equilibration diagnostic for the reset-per-sample scheme: does "sweeps per sample" reach equilibrium from a
/// random start? Traces U'/N against sweep for independent random starts (exactly the data set's samples 0..R−1)
/// and compares their mean with long reference chains.
/// </summary>
public static class Equilibration
{
    /// <summary>Traces replicas and reference chains and reports energy against sweep and the sweeps needed.</summary>
    /// <param name="options">Sampler settings (δ is tuned as for sampling).</param>
    /// <param name="settings">Replica and reference lengths and the tolerance.</param>
    /// <param name="cancellationToken">Stops between chains.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static EquilibrationReport Measure(MetropolisOptions options, EquilibrationOptions settings, CancellationToken cancellationToken = default)
    {
        Metropolis.Validate(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Replicas < 2) throw new ArgumentOutOfRangeException("settings.Replicas", settings.Replicas, "Replicas must be ≥ 2.");
        if (settings.Sweeps < 1) throw new ArgumentOutOfRangeException("settings.Sweeps", settings.Sweeps, "Sweeps must be ≥ 1.");
        if (settings.ReferenceChains < 1) throw new ArgumentOutOfRangeException("settings.ReferenceChains", settings.ReferenceChains, "ReferenceChains must be ≥ 1.");
        if (settings.ReferenceBurnInSweeps < 0) throw new ArgumentOutOfRangeException("settings.ReferenceBurnInSweeps", settings.ReferenceBurnInSweeps, "ReferenceBurnInSweeps must be ≥ 0.");
        if (settings.ReferenceSweeps < 100) throw new ArgumentOutOfRangeException("settings.ReferenceSweeps", settings.ReferenceSweeps, "ReferenceSweeps must be ≥ 100.");
        if (!(settings.Tolerance > 0)) throw new ArgumentOutOfRangeException("settings.Tolerance", settings.Tolerance, "Tolerance must be > 0.");

        int r = settings.Replicas, sweeps = settings.Sweeps, chains = settings.ReferenceChains;
        var traces = new EnergyTrace[r + chains];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        // Replicas use streams 1..R (the data set's samples); reference chains the next ones.
        ParallelRunner.For(r + chains, parallel, k =>
            traces[k] = k < r
                ? Metropolis.Trace(options, sweeps, k)
                : Metropolis.Trace(options, settings.ReferenceBurnInSweeps + settings.ReferenceSweeps, k));

        var mean = new double[sweeps];
        var se = new double[sweeps];
        var height = new double[sweeps];
        for (int s = 0; s < sweeps; s++)
        {
            double m = 0, h = 0;
            for (int k = 0; k < r; k++)
            {
                m += traces[k].EnergyPerParticle[s];
                h += traces[k].MeanHeight[s];
            }
            m /= r;
            double v = 0;
            for (int k = 0; k < r; k++) v += Math.Pow(traces[k].EnergyPerParticle[s] - m, 2);
            mean[s] = m;
            se[s] = Math.Sqrt(v / (r - 1) / r);
            height[s] = h / r;
        }

        double eq = 0, eqVar = 0, tau = 0;
        for (int c = 0; c < chains; c++)
        {
            var tail = traces[r + c].EnergyPerParticle.Skip(settings.ReferenceBurnInSweeps).ToArray();
            var est = Autocorrelation.IntegratedTime(tail);
            eq += est.Mean / chains;
            eqVar += est.StandardError * est.StandardError / ((double)chains * chains);
            tau += est.IntegratedTime / chains;
        }

        // Equilibrated from sweep s on when every later replica mean is within Tolerance + 3 combined standard
        // errors of the reference (the noise term keeps a finite number of replicas from hiding equilibrium).
        double eqSe = Math.Sqrt(eqVar);
        int reached = -1;
        for (int s = sweeps - 1; s >= 0 && Math.Abs(mean[s] - eq) <= settings.Tolerance + 3 * Math.Sqrt(se[s] * se[s] + eqSe * eqSe); s--)
            reached = s + 1;
        return new EquilibrationReport(Array.AsReadOnly(mean), Array.AsReadOnly(se), Array.AsReadOnly(height), eq, eqSe, tau,
            reached, settings.Tolerance, traces[0].MaxDisplacement);
    }
}
