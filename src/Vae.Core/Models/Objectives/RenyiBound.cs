using System.Numerics;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// The variational Rényi bound (Li &amp; Turner 2016, eq. 5 with the K-sample estimator of §4):
/// L<sub>α</sub> = 1/(1 − α) · log (1/K) Σ<sub>k</sub> w<sub>k</sub><sup>1−α</sup>, w<sub>k</sub> = p(x, z<sub>k</sub>)/q(z<sub>k</sub>|x),
/// minimised as Loss = −L<sub>α</sub> averaged over the batch, nats per sample. α = 0 is the IWAE bound
/// (Burda et al. 2016); α → 1 is the Monte Carlo ELBO (1/K) Σ log w<sub>k</sub>, used exactly at α = 1.
/// </summary>
/// <remarks>
/// <para>Stable evaluation with ℓ<sub>k</sub> = log w<sub>k</sub>, m = mean ℓ and u<sub>k</sub> = (1 − α)(ℓ<sub>k</sub> − m):
/// L<sub>α</sub> = m + log((1/K) Σ e<sup>u<sub>k</sub></sup>)/(1 − α), using log1p(mean expm1 u) when every |u<sub>k</sub>| &lt; 1
/// (no cancellation as α → 1) and a max-shifted log-sum-exp otherwise.</para>
/// <para>Gradient: ∂L<sub>α</sub>/∂ℓ<sub>k</sub> = ŵ<sub>k</sub> = softmax(u)<sub>k</sub>, the normalised importance weights raised to 1 − α.</para>
/// </remarks>
public sealed record RenyiBound : VaeObjective
{
    /// <summary>Every property at its documented default.</summary>
    public RenyiBound() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>RenyiBound(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public RenyiBound(RenyiBound original) : base(original)
    {
        Alpha = original.Alpha;
    }

    /// <summary>Order α of the Rényi divergence; any finite real (α = 0: IWAE; α = 1: ELBO).</summary>
    public double Alpha { get; init; }

    /// <summary>The bound of order <paramref name="alpha"/> with <paramref name="samples"/> samples per data point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite or K &lt; 1.</exception>
    public static RenyiBound WithAlpha(double alpha, int samples)
    {
        var b = new RenyiBound { Alpha = alpha, Samples = samples };
        b.Validate();
        return b;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!double.IsFinite(Alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be finite.");
    }

    private protected override double Assemble<T>(VaeComputation<T> c, long step, Span<double> a, Span<double> r, Span<double> g, out double beta)
    {
        beta = 1;
        int batch = c.BatchSize, samples = c.Samples;
        var logW = new double[samples];
        var weights = new double[samples];
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < samples; k++)
            {
                int i = k * batch + b;
                logW[k] = c.LogLikelihood[i] + c.LogPrior[i] - c.LogPosterior[i];
            }
            total += Bound(logW, Alpha, weights);
            for (int k = 0; k < samples; k++)
            {
                a[k * batch + b] = -weights[k] / batch;
                r[k * batch + b] = -weights[k] / batch;
            }
        }
        return -total / batch;
    }

    /// <summary>L<sub>α</sub> from log-weights ℓ (see remarks) and the normalised gradient weights ŵ = ∂L<sub>α</sub>/∂ℓ.</summary>
    internal static double Bound(ReadOnlySpan<double> logWeights, double alpha, Span<double> gradientWeights)
    {
        int k = logWeights.Length;
        double mean = 0;
        foreach (var v in logWeights) mean += v;
        mean /= k;
        double c = 1 - alpha;
        if (c == 0)
        {
            gradientWeights.Fill(1.0 / k);
            return mean;
        }
        double maxU = double.NegativeInfinity, maxAbsU = 0;
        for (int j = 0; j < k; j++)
        {
            double u = c * (logWeights[j] - mean);
            gradientWeights[j] = u;
            maxU = Math.Max(maxU, u);
            maxAbsU = Math.Max(maxAbsU, Math.Abs(u));
        }
        double sum = 0;
        for (int j = 0; j < k; j++) sum += Math.Exp(gradientWeights[j] - maxU);
        double logMean;
        if (maxAbsU < 1)
        {
            double m1 = 0;
            for (int j = 0; j < k; j++) m1 += double.ExpM1(gradientWeights[j]);
            logMean = double.LogP1(m1 / k);
        }
        else
        {
            logMean = maxU + Math.Log(sum) - Math.Log(k);
        }
        for (int j = 0; j < k; j++) gradientWeights[j] = Math.Exp(gradientWeights[j] - maxU) / sum;
        return mean + logMean / c;
    }
}
