using FsCheck;
using FsCheck.Fluent;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using static Vae.Tests.InfoGeometry.GaussianGenerators;

namespace Vae.Tests.InfoGeometry;

/// <summary>Metric axioms and invariance under the family-preserving affine maps, by FsCheck.</summary>
public sealed class FisherRaoPropertyTests
{
    private static bool Close(double a, double b, double tolerance) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property UnivariateIsSymmetricWithZeroSelfDistance() =>
        Prop.ForAll(Gen.Two(Univariate).ToArbitrary(), pair =>
            FisherRao.Distance(pair.Item1, pair.Item2) == FisherRao.Distance(pair.Item2, pair.Item1)
            && FisherRao.Distance(pair.Item1, pair.Item1) == 0
            && (pair.Item1 == pair.Item2 || FisherRao.Distance(pair.Item1, pair.Item2) > 0));

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property UnivariateTriangleInequality() =>
        Prop.ForAll(Gen.Three(Univariate).ToArbitrary(), t =>
            FisherRao.Distance(t.Item1, t.Item3) <= FisherRao.Distance(t.Item1, t.Item2) + FisherRao.Distance(t.Item2, t.Item3) + 1e-12);

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property UnivariateAffineInvariance() =>
        Prop.ForAll(Gen.Zip(Gen.Two(Univariate), Gen.Zip(Scale, Uniform(-5, 5))).ToArbitrary(), x =>
        {
            var ((a, b), (alpha, beta)) = x;
            UnivariateNormal Map(UnivariateNormal p) => UnivariateNormal.FromMeanStdDev(alpha * p.Mean + beta, Math.Abs(alpha) * p.StdDev);
            return Close(FisherRao.Distance(Map(a), Map(b)), FisherRao.Distance(a, b), 1e-12);
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property DiagonalSymmetryIdentityAndTriangle() =>
        Prop.ForAll(Gen.Choose(1, 12).SelectMany(k => Gen.Three(Diagonal(k))).ToArbitrary(), t =>
            FisherRao.Distance(t.Item1, t.Item2) == FisherRao.Distance(t.Item2, t.Item1)
            && FisherRao.Distance(t.Item1, t.Item1) == 0
            && FisherRao.Distance(t.Item1, t.Item3) <= FisherRao.Distance(t.Item1, t.Item2) + FisherRao.Distance(t.Item2, t.Item3) + 1e-12);

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property DiagonalInvarianceUnderCoordinatewiseAffineMapsAndPermutations() =>
        Prop.ForAll(
            (from k in Gen.Choose(1, 12)
             from pair in Gen.Two(Diagonal(k))
             from scale in Gen.ArrayOf(Scale, k)
             from shift in Gen.ArrayOf(Uniform(-5, 5), k)
             from permutation in Gen.Shuffle(Enumerable.Range(0, k).ToArray())
             select (pair.Item1, pair.Item2, scale, shift, permutation)).ToArbitrary(),
            x =>
            {
                var (a, b, scale, shift, perm) = x;
                DiagonalNormal Map(DiagonalNormal p) => DiagonalNormal.FromMeanStdDev(
                    perm.Select(i => scale[i] * p.Mean[i] + shift[i]).ToArray(),
                    perm.Select(i => Math.Abs(scale[i]) * p.StdDev[i]).ToArray());
                return Close(FisherRao.Distance(Map(a), Map(b)), FisherRao.Distance(a, b), 1e-12);
            });

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property MultivariateSymmetryIdentityAndTriangle() =>
        Prop.ForAll(Gen.Choose(1, 4).SelectMany(n => Gen.Three(Multivariate(n))).ToArbitrary(), t =>
        {
            double ab = FisherRao.Distance(t.Item1, t.Item2), ba = FisherRao.Distance(t.Item2, t.Item1);
            double bc = FisherRao.Distance(t.Item2, t.Item3), ac = FisherRao.Distance(t.Item1, t.Item3);
            return Close(ab, ba, 1e-9) && FisherRao.Distance(t.Item1, t.Item1) < 1e-12 && ac <= ab + bc + 1e-9;
        });

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property MultivariateAffineInvariance() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 4)
             from pair in Gen.Two(Multivariate(n))
             from map in Affine(n)
             select (pair.Item1, pair.Item2, map.A, map.B)).ToArbitrary(),
            x =>
            {
                var (a, b, matrix, offset) = x;
                double d = FisherRao.Distance(a, b);
                double mapped = FisherRao.Distance(a.Transform(matrix, offset), b.Transform(matrix, offset));
                return Close(mapped, d, 1e-8);
            });

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property MultivariateNeverBelowCalvoOllerAndNeverAboveTheDiagonalSubmanifold() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 5)
             from pair in Gen.Two(Diagonal(n))
             select pair).ToArbitrary(),
            pair =>
            {
                var (a, b) = (pair.Item1.ToMultivariate(), pair.Item2.ToMultivariate());
                double exact = FisherRao.Distance(a, b);
                // The diagonal family is a submanifold with the induced (Fisher) metric: its intrinsic distance is ≥ the ambient one.
                return exact >= FisherRao.CalvoOllerLowerBound(a, b) - 1e-10
                       && exact <= FisherRao.Distance(pair.Item1, pair.Item2) + 1e-9;
            });

}
