using Vae.Fluids.Potentials;

namespace Vae.Fluids.Sampling;

/// <summary>
/// Metropolis Monte Carlo for N particles in a 2-D box with hard walls, a pair potential and gravity, in reduced
/// units (U' = Σ_{i&lt;j} u(r_ij) + γ Σ_i y_i, γ = mgσ/ε; LCP-B group 9 slides).
/// </summary>
/// <remarks>
/// <para>Random streams: xoshiro256** per (<see cref="MetropolisOptions.Seed"/>, stream id): stream 0 tunes δ,
/// stream 1 + k drives sample k (reset-per-sample), chain k (chained) or trace replica k. Hence
/// <c>Trace(options, SweepsPerSample, k)</c> ends in exactly sample k of <c>Sample(options, …)</c>.</para>
/// <para>Determinism: bit-reproducible for a fixed seed (and chain count in the chained scheme) whatever
/// <see cref="MetropolisOptions.MaxDegreeOfParallelism"/> is, on a given architecture (<see cref="Math.Exp"/> comes
/// from the platform's C library).</para>
/// </remarks>
public static class Metropolis
{
    /// <summary>Draws <paramref name="count"/> configurations with the potential named in <paramref name="options"/>.</summary>
    /// <param name="options">Sampler parameters.</param>
    /// <param name="count">Number of configurations, ≥ 0.</param>
    /// <param name="progress">Receives the number of configurations finished so far (from worker threads).</param>
    /// <param name="cancellationToken">Stops between configurations with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The configurations, δ, acceptance and energies.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range (see <see cref="MetropolisOptions"/>), or <paramref name="count"/> &lt; 0.</exception>
    /// <exception cref="InvalidOperationException">A random non-overlapping start could not be placed.</exception>
    public static MetropolisSamples Sample(MetropolisOptions options, int count, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(options);
        return options.Potential switch
        {
            PairPotentialKind.Fake => SampleWithPotential(options, new FakeLennardJones(), count, progress, cancellationToken),
            _ => SampleWithPotential(options, LennardJonesOf(options), count, progress, cancellationToken),
        };
    }

    /// <summary>Draws configurations with a custom pair potential (<see cref="MetropolisOptions.Potential"/> is ignored).</summary>
    /// <typeparam name="TPotential">A struct potential; the inner loop is specialised for it.</typeparam>
    /// <inheritdoc cref="Sample(MetropolisOptions, int, IProgress{int}?, CancellationToken)"/>
    public static MetropolisSamples SampleWithPotential<TPotential>(MetropolisOptions options, TPotential potential, int count,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        where TPotential : struct, IPairPotential
    {
        Validate(options);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = options.Particles;
        double delta = TunedMaxDisplacement(options, potential);
        var coordinates = new double[(long)count * n * 2];
        var energies = new double[count];
        var accepted = new long[count];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        long proposed;
        if (options.Scheme == SamplingScheme.ResetPerSample)
        {
            ParallelRunner.For(count, parallel, () => NewChain(options, potential, delta), (k, chain) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                chain.Reseed(RandomStream.Create((ulong)options.Seed, 1 + (ulong)k));
                chain.RandomStart(options.MinimumStartDistance);
                chain.ResetCounters();
                chain.Run(options.SweepsPerSample);
                accepted[k] = chain.Accepted;
                Record(chain, k, coordinates, energies);
                progress?.Report(Interlocked.Increment(ref done));
                return chain;
            });
            proposed = (long)count * options.SweepsPerSample * n;
        }
        else
        {
            int chains = Math.Min(options.Chains, Math.Max(count, 1));
            var proposedByChain = new long[chains];
            var acceptedByChain = new long[chains];
            ParallelRunner.For(chains, parallel, c =>
            {
                int first = (int)((long)count * c / chains), last = (int)((long)count * (c + 1) / chains);
                var chain = NewChain(options, potential, delta);
                chain.Reseed(RandomStream.Create((ulong)options.Seed, 1 + (ulong)c));
                chain.RandomStart(options.MinimumStartDistance);
                chain.Run(options.BurnInSweeps);
                chain.ResetCounters();
                for (int k = first; k < last; k++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chain.Run(options.DecorrelationSweeps);
                    Record(chain, k, coordinates, energies);
                    progress?.Report(Interlocked.Increment(ref done));
                }
                proposedByChain[c] = chain.Proposed;
                acceptedByChain[c] = chain.Accepted;
            });
            proposed = proposedByChain.Sum();
            accepted = acceptedByChain;
        }
        return new MetropolisSamples(options, delta, proposed, accepted.Sum(), coordinates, energies);
    }

    /// <summary>
    /// Runs one chain for <paramref name="sweeps"/> sweeps and records U'/N and ⟨y⟩ after every sweep: energy against
    /// sweep for equilibration diagnostics. δ is tuned first exactly as in <see cref="Sample(MetropolisOptions, int, IProgress{int}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="options">Sampler parameters (scheme, chain and sample settings are not used).</param>
    /// <param name="sweeps">Number of sweeps to record, ≥ 1.</param>
    /// <param name="replica">Stream index k ≥ 0; the random start and moves are those of sample k of the reset-per-sample scheme.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option, <paramref name="sweeps"/> or <paramref name="replica"/> is out of range.</exception>
    public static EnergyTrace Trace(MetropolisOptions options, int sweeps, int replica = 0)
    {
        Validate(options);
        ArgumentOutOfRangeException.ThrowIfNegative(replica);
        return options.Potential == PairPotentialKind.Fake
            ? TraceCore(options, new FakeLennardJones(), sweeps, replica, null)
            : TraceCore(options, LennardJonesOf(options), sweeps, replica, null);
    }

    /// <summary>Like <see cref="Trace(MetropolisOptions, int, int)"/> but from a given start configuration (stream 1 drives the moves).</summary>
    /// <param name="options">Sampler parameters; the start must have <see cref="MetropolisOptions.Particles"/> particles in the same box.</param>
    /// <param name="start">Initial positions; no pair may be closer than <see cref="MetropolisOptions.MinimumStartDistance"/> or coincide.</param>
    /// <param name="sweeps">Number of sweeps to record, ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="start"/> has the wrong particle count or box, or two particles overlap (r → 0).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or <paramref name="sweeps"/> is out of range.</exception>
    public static EnergyTrace Trace(MetropolisOptions options, ParticleConfiguration start, int sweeps)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(start);
        ValidateStart(options, start);
        return options.Potential == PairPotentialKind.Fake
            ? TraceCore(options, new FakeLennardJones(), sweeps, 0, start)
            : TraceCore(options, LennardJonesOf(options), sweeps, 0, start);
    }

    /// <summary>The maximum displacement δ the sampler uses for <paramref name="options"/>: tuned on stream 0 when enabled, else the given one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static double MaxDisplacementFor(MetropolisOptions options)
    {
        Validate(options);
        return options.Potential == PairPotentialKind.Fake
            ? TunedMaxDisplacement(options, new FakeLennardJones())
            : TunedMaxDisplacement(options, LennardJonesOf(options));
    }

    internal static LennardJones LennardJonesOf(MetropolisOptions options) =>
        double.IsPositiveInfinity(options.Cutoff) ? LennardJones.Untruncated
        : options.ShiftAtCutoff ? LennardJones.TruncatedShifted(options.Cutoff)
        : LennardJones.Truncated(options.Cutoff);

    private static EnergyTrace TraceCore<TPotential>(MetropolisOptions options, TPotential potential, int sweeps, int replica, ParticleConfiguration? start)
        where TPotential : struct, IPairPotential
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        double delta = TunedMaxDisplacement(options, potential);
        var chain = NewChain(options, potential, delta);
        chain.Reseed(RandomStream.Create((ulong)options.Seed, 1 + (ulong)replica));
        if (start is null) chain.RandomStart(options.MinimumStartDistance);
        else chain.SetPositions(start.X.ToArray(), start.Y.ToArray());
        var energy = new double[sweeps];
        var height = new double[sweeps];
        int n = options.Particles;
        for (int s = 0; s < sweeps; s++)
        {
            chain.Sweep();
            energy[s] = chain.Energy / n;
            double sum = 0;
            foreach (var y in chain.Y) sum += y;
            height[s] = sum / n;
        }
        var final = ParticleConfiguration.Wrap(chain.X.ToArray(), chain.Y.ToArray(), options.Box);
        return new EnergyTrace(Array.AsReadOnly(energy), Array.AsReadOnly(height), delta, (double)chain.Accepted / chain.Proposed, final);
    }

    /// <summary>
    /// δ tuning: one chain from a random start on stream 0, <see cref="MetropolisOptions.WarmupSweeps"/> sweeps in
    /// blocks of 10; after each block δ ← δ·clamp(a/a*, 0.5, 2) with a the block's acceptance and a* the target,
    /// capped at L. The final δ is frozen for production.
    /// </summary>
    private static double TunedMaxDisplacement<TPotential>(MetropolisOptions options, TPotential potential)
        where TPotential : struct, IPairPotential
    {
        if (!options.TuneMaxDisplacement) return options.MaxDisplacement;
        var chain = NewChain(options, potential, options.MaxDisplacement);
        chain.Reseed(RandomStream.Create((ulong)options.Seed, 0));
        chain.RandomStart(options.MinimumStartDistance);
        const int block = 10;
        for (int done = 0; done + block <= options.WarmupSweeps; done += block)
        {
            chain.ResetCounters();
            chain.Run(block);
            double acceptance = (double)chain.Accepted / chain.Proposed;
            double factor = Math.Clamp(acceptance / options.TargetAcceptance, 0.5, 2.0);
            chain.MaxDisplacement = Math.Min(chain.MaxDisplacement * factor, options.Box);
        }
        return chain.MaxDisplacement;
    }

    private static MetropolisChain<TPotential> NewChain<TPotential>(MetropolisOptions options, TPotential potential, double delta)
        where TPotential : struct, IPairPotential
        => new(potential, options.Particles, options.Box, options.Gamma, options.Temperature, delta);

    private static void Record<TPotential>(MetropolisChain<TPotential> chain, int k, double[] coordinates, double[] energies)
        where TPotential : struct, IPairPotential
    {
        chain.RebuildEnergies();
        energies[k] = chain.Energy;
        int n = chain.Particles;
        var x = chain.X;
        var y = chain.Y;
        long offset = (long)k * n * 2;
        for (int i = 0; i < n; i++)
        {
            coordinates[offset + 2 * i] = x[i];
            coordinates[offset + 2 * i + 1] = y[i];
        }
    }

    internal static void ValidateStart(MetropolisOptions options, ParticleConfiguration start)
    {
        if (start.Count != options.Particles)
            throw new ArgumentException($"start has {start.Count} particles but options.Particles = {options.Particles}.", nameof(start));
        if (start.Box != options.Box)
            throw new ArgumentException($"start is in a box of side {start.Box} but options.Box = {options.Box}.", nameof(start));
        var (r, i, j) = start.ClosestPair();
        if (i >= 0 && (r == 0 || r < options.MinimumStartDistance))
            throw new ArgumentException(
                $"start particles {i} and {j} overlap: r = {r} < MinimumStartDistance = {options.MinimumStartDistance} (r → 0 has infinite energy).", nameof(start));
    }

    /// <summary>Checks every option's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    internal static void Validate(MetropolisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Particles < 1)
            throw new ArgumentOutOfRangeException("options.Particles", options.Particles, "Particles must be ≥ 1.");
        if (!(options.Box > 0) || !(options.Box <= 1e150))
            throw new ArgumentOutOfRangeException("options.Box", options.Box, "Box (L) must be in (0, 1e150] σ, so that squared distances stay finite.");
        if (!(options.Gamma >= 0) || !double.IsFinite(options.Gamma))
            throw new ArgumentOutOfRangeException("options.Gamma", options.Gamma, "Gamma must be finite and ≥ 0.");
        if (!(options.Temperature > 0) || !double.IsFinite(options.Temperature))
            throw new ArgumentOutOfRangeException("options.Temperature", options.Temperature, "Temperature must be finite and > 0.");
        if (!(options.MaxDisplacement > 0 && options.MaxDisplacement <= options.Box))
            throw new ArgumentOutOfRangeException("options.MaxDisplacement", options.MaxDisplacement, "MaxDisplacement must be in (0, Box].");
        if (!(options.TargetAcceptance > 0 && options.TargetAcceptance < 1))
            throw new ArgumentOutOfRangeException("options.TargetAcceptance", options.TargetAcceptance, "TargetAcceptance must be in (0, 1).");
        if (options.TuneMaxDisplacement && options.WarmupSweeps < 10)
            throw new ArgumentOutOfRangeException("options.WarmupSweeps", options.WarmupSweeps, "WarmupSweeps must be ≥ 10 when tuning δ.");
        if (options.SweepsPerSample < 1)
            throw new ArgumentOutOfRangeException("options.SweepsPerSample", options.SweepsPerSample, "SweepsPerSample must be ≥ 1.");
        if (options.BurnInSweeps < 0)
            throw new ArgumentOutOfRangeException("options.BurnInSweeps", options.BurnInSweeps, "BurnInSweeps must be ≥ 0.");
        if (options.DecorrelationSweeps < 1)
            throw new ArgumentOutOfRangeException("options.DecorrelationSweeps", options.DecorrelationSweeps, "DecorrelationSweeps must be ≥ 1.");
        if (options.Chains < 1)
            throw new ArgumentOutOfRangeException("options.Chains", options.Chains, "Chains must be ≥ 1.");
        if (!(options.MinimumStartDistance >= 0) || !double.IsFinite(options.MinimumStartDistance))
            throw new ArgumentOutOfRangeException("options.MinimumStartDistance", options.MinimumStartDistance, "MinimumStartDistance must be finite and ≥ 0.");
        if (!(options.Cutoff > 0))
            throw new ArgumentOutOfRangeException("options.Cutoff", options.Cutoff, "Cutoff must be > 0 (+∞ for none).");
        if (options.ShiftAtCutoff && !double.IsFinite(options.Cutoff))
            throw new ArgumentOutOfRangeException("options.Cutoff", options.Cutoff, "ShiftAtCutoff needs a finite Cutoff.");
        if (options.MaxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException("options.MaxDegreeOfParallelism", options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be −1 (all cores) or ≥ 1.");
        if (!Enum.IsDefined(options.Potential))
            throw new ArgumentOutOfRangeException("options.Potential", options.Potential, "Unknown Potential.");
        if (!Enum.IsDefined(options.Scheme))
            throw new ArgumentOutOfRangeException("options.Scheme", options.Scheme, "Unknown Scheme.");
    }
}
