using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary>The similarity metrics on finite inputs near the ends of the double range: correlations and CKA are
/// scale-invariant, so 10³⁰⁸ and 10¹⁵⁴ give what 1 gives (they overflowed to NaN, 0, or an IndexOutOfRangeException).</summary>
public sealed class SimilarityRangeTests
{
    private static readonly double[] A = [1.5, 1.6, 1.0];
    private static readonly double[] B = [1.0, 2.0, 3.0];

    /// <summary>Pearson r by hand: Σ(a − ā)(b − b̄) / √(Σ(a − ā)² Σ(b − b̄)²), on values of order 1.</summary>
    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double ab = a.Zip(b, (u, v) => (u - ma) * (v - mb)).Sum();
        return ab / Math.Sqrt(a.Sum(u => (u - ma) * (u - ma)) * b.Sum(v => (v - mb) * (v - mb)));
    }

    private static Matrix<double> Column(double[] values, double factor) => Matrix<double>.Build.Dense(values.Length, 1, (i, _) => values[i] * factor);

    [TestCase(1e308)]   // the column mean overflowed to +∞: NaN
    [TestCase(1e-300)]  // the squares underflowed to 0: a "constant" column, correlation 0
    public void CorrelationsOfHugeOrTinyColumnsAreThoseOfTheUnscaledOnes(double factor)
    {
        // By hand: ā = 1.3667, deviations (0.1333, 0.2333, −0.3667); b̄ = 2, (−1, 0, 1): r = −0.5 / √(0.20667 · 2) = −0.7777.
        double expected = Pearson(A, B);
        Assert.That(expected, Is.EqualTo(-0.7777).Within(1e-4));
        var x = Column(A, factor);
        var y = Column(B, 1);
        Assert.That(Similarity.CorrelationMatrix(x, y)[0, 0], Is.EqualTo(expected).Within(1e-15));
        Assert.That(Similarity.RawCorrelation(x, y).Correlations[0], Is.EqualTo(expected).Within(1e-15));
        var matching = Similarity.MatchDimensions(x, y, epsilon: 0);
        Assert.That(matching.Signs[0], Is.EqualTo(-1));
        Assert.That(matching.MatchedCorrelations[0], Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void ANormThatOverflowsStillGivesCorrelationOneAndCkaOne()
    {
        // ‖(2e154, −2e154)‖² = 8e308 overflowed: the column was divided by ∞ and correlated 0 with (1, −1).
        var x = Matrix<double>.Build.DenseOfRowArrays([2e154], [-2e154]);
        var y = Matrix<double>.Build.DenseOfRowArrays([1.0], [-1.0]);
        Assert.That(Similarity.CorrelationMatrix(x, y)[0, 0], Is.EqualTo(1.0));
        // CKA of y = s·x (isotropic scaling) is 1, here with x's mean overflowing as well.
        var huge = Matrix<double>.Build.DenseOfRowArrays([1.5e308, 1.0], [1.6e308, 2.0], [1.0e308, 3.0]);
        Assert.That(Similarity.LinearCka(huge, huge * 1e-308), Is.EqualTo(1.0).Within(1e-14));
        Assert.That(Similarity.LinearCka(huge, huge), Is.EqualTo(1.0).Within(1e-14));
    }
}
