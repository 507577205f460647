namespace Vae.Fluids.Analysis;

/// <summary>Mean, integrated autocorrelation time and standard error of a correlated time series.</summary>
/// <param name="Mean">Sample mean of the series.</param>
/// <param name="Variance">Sample variance (divisor n) of the series.</param>
/// <param name="IntegratedTime">τ_int = 1 + 2 Σ_{t=1}^{M} ρ(t), in steps of the series (1 for independent samples).</param>
/// <param name="Window">The window M chosen by Sokal's rule (smallest M ≥ c·τ_int(M)).</param>
/// <param name="StandardError">√(Variance·τ_int / n): the standard error of <paramref name="Mean"/>.</param>
/// <param name="EffectiveSampleSize">n / τ_int.</param>
/// <param name="WindowConverged">False when no M &lt; n satisfied the rule (series too short: τ_int is then a lower bound).</param>
public sealed record AutocorrelationEstimate(
    double Mean,
    double Variance,
    double IntegratedTime,
    int Window,
    double StandardError,
    double EffectiveSampleSize,
    bool WindowConverged);
