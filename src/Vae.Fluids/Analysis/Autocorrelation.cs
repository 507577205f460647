using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Vae.Fluids.Analysis;

/// <summary>
/// Autocorrelation of Markov-chain time series: the normalised autocorrelation function by FFT and the integrated
/// autocorrelation time with Sokal's automatic windowing.
/// </summary>
/// <remarks>
/// Source: A. D. Sokal, "Monte Carlo Methods in Statistical Mechanics: Foundations and New Algorithms" (1996), §3;
/// the convention τ_int = 1 + 2 Σ ρ(t) (so that Var(mean) ≈ σ²τ_int/n) and c = 5 follow emcee's
/// <c>integrated_time</c> (Foreman-Mackey et al. 2013). The FFT is MathNet's <see cref="Fourier"/>.
/// </remarks>
public static class Autocorrelation
{
    /// <summary>The normalised autocorrelation function ρ(t) = C(t)/C(0), C(t) = (1/n) Σ_{i} (x_i − x̄)(x_{i+t} − x̄).</summary>
    /// <param name="series">The time series, length n ≥ 2, finite.</param>
    /// <returns>ρ(0..n−1), ρ(0) = 1 (all zeros after ρ(0) for a constant series).</returns>
    /// <exception cref="ArgumentException">Fewer than 2 values or a non-finite value.</exception>
    public static IReadOnlyList<double> Function(IReadOnlyList<double> series) => Array.AsReadOnly(Compute(series, out _, out _));

    /// <summary>Integrated autocorrelation time with Sokal's window: the smallest M with M ≥ c·τ_int(M).</summary>
    /// <param name="series">The time series, length n ≥ 2, finite.</param>
    /// <param name="windowFactor">c in Sokal's rule, &gt; 0; 5 is customary.</param>
    /// <exception cref="ArgumentException">Fewer than 2 values or a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowFactor"/> ≤ 0.</exception>
    public static AutocorrelationEstimate IntegratedTime(IReadOnlyList<double> series, double windowFactor = 5.0)
    {
        if (!(windowFactor > 0))
            throw new ArgumentOutOfRangeException(nameof(windowFactor), windowFactor, "windowFactor must be > 0.");
        var rho = Compute(series, out double mean, out double variance);
        int n = rho.Length;
        if (variance == 0)
            return new AutocorrelationEstimate(mean, 0, 1, 0, 0, n, true);
        double tau = 1;
        int window = n - 1;
        bool converged = false;
        for (int m = 1; m < n; m++)
        {
            tau += 2 * rho[m];
            if (m >= windowFactor * tau)
            {
                window = m;
                converged = true;
                break;
            }
        }
        tau = Math.Max(tau, 1.0 / n); // a strongly anticorrelated short series can drive the sum below 0
        return new AutocorrelationEstimate(mean, variance, tau, window, Math.Sqrt(variance * tau / n), n / tau, converged);
    }

    private static double[] Compute(IReadOnlyList<double> series, out double mean, out double variance)
    {
        ArgumentNullException.ThrowIfNull(series);
        int n = series.Count;
        if (n < 2)
            throw new ArgumentException($"series needs at least 2 values; got {n}.", nameof(series));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(series[i]))
                throw new ArgumentException($"series[{i}] = {series[i]} is not finite.", nameof(series));
            sum += series[i];
        }
        mean = sum / n;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var buffer = new Complex[size];
        for (int i = 0; i < n; i++) buffer[i] = new Complex(series[i] - mean, 0);
        Fourier.Forward(buffer, FourierOptions.NoScaling);
        for (int k = 0; k < size; k++) buffer[k] = new Complex(buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary, 0);
        Fourier.Inverse(buffer, FourierOptions.NoScaling);
        var rho = new double[n];
        double c0 = buffer[0].Real;
        variance = c0 / size / n;
        if (c0 <= 0)
        {
            rho[0] = 1;
            variance = 0;
            return rho;
        }
        for (int t = 0; t < n; t++) rho[t] = buffer[t].Real / c0;
        return rho;
    }
}
