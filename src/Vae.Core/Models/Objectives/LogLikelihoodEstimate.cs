using Vae.Core.Collections;

namespace Vae.Core.Models.Objectives;

/// <summary>An estimate of, or a bound on, log p(x) over a data set, nats per sample: the importance-sampled
/// log-likelihood (<see cref="ImportanceSampledLogLikelihood.Estimate"/>) or the Rényi bound (<see cref="RenyiBound.Estimate"/>).</summary>
/// <param name="Mean">Mean over the samples, nats.</param>
/// <param name="StandardError">Standard error of that mean across data points (sample standard deviation/√n), nats; 0 for
/// a single data point, where the sample standard deviation is undefined (read it as "not estimated", not as exact).</param>
/// <param name="Samples">Number K of importance samples per data point.</param>
/// <param name="PerSample">The value for every data point, nats (a copy).</param>
public sealed record LogLikelihoodEstimate(double Mean, double StandardError, int Samples, IReadOnlyList<double> PerSample)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PerSample { get => _perSample; init => _perSample = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _perSample = ValueList.Copy(PerSample);

    /// <summary>The estimate from per-sample values.</summary>
    internal static LogLikelihoodEstimate Of(double[] perSample, int samples)
    {
        double mean = perSample.Average();
        double variance = perSample.Length > 1 ? perSample.Sum(v => (v - mean) * (v - mean)) / (perSample.Length - 1) : 0;
        return new LogLikelihoodEstimate(mean, Math.Sqrt(variance / perSample.Length), samples, perSample);
    }
}
