namespace Vae.Fluids.Sampling;

/// <summary>How <see cref="Metropolis"/> turns Markov chains into a set of configurations.</summary>
public enum SamplingScheme
{
    /// <summary>
    /// The slides' scheme: every sample starts from a new random non-overlapping configuration and is taken after
    /// <see cref="MetropolisOptions.SweepsPerSample"/> sweeps. Samples are independent but only equilibrated if the
    /// sweep count is long enough (see docs/fluids.md). Each sample has its own random stream, so the output does
    /// not depend on <see cref="MetropolisOptions.Chains"/> or on the thread count.
    /// </summary>
    ResetPerSample,

    /// <summary>
    /// <see cref="MetropolisOptions.Chains"/> long chains, each burnt in for <see cref="MetropolisOptions.BurnInSweeps"/>
    /// sweeps and then sampled every <see cref="MetropolisOptions.DecorrelationSweeps"/> sweeps.
    /// </summary>
    Chained,
}
