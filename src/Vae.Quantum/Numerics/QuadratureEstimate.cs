namespace Vae.Quantum.Numerics;

/// <summary>One integral computed by adaptive quadrature.</summary>
/// <param name="Value">The integral.</param>
/// <param name="ErrorEstimate">The quadrature's own absolute error estimate (Kronrod − Gauss, summed over subintervals).</param>
public sealed record QuadratureEstimate(double Value, double ErrorEstimate);
