using Vae.Core.Collections;

namespace Vae.Core.Models.Objectives;

/// <summary>An importance-sampled estimate of log p(x) over a data set, nats per sample.</summary>
/// <param name="Mean">Mean of log p̂(x) over the samples, nats.</param>
/// <param name="StandardError">Standard error of that mean across data points (sample standard deviation/√n), nats.</param>
/// <param name="Samples">Number K of importance samples per data point.</param>
/// <param name="PerSample">log p̂(x<sub>i</sub>) for every data point, nats (a copy).</param>
public sealed record LogLikelihoodEstimate(double Mean, double StandardError, int Samples, IReadOnlyList<double> PerSample)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PerSample { get => _perSample; init => _perSample = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _perSample = ValueList.Copy(PerSample);
}
