using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary><see cref="ReplicaComparison"/>: every pair gets exactly the metrics of <see cref="Similarity"/>, a
/// signed permutation of a replica matches perfectly, and a collapsed replica makes CKA and Procrustes undefined
/// (null) instead of NaN or an exception.</summary>
public sealed class ReplicaComparisonTests
{
    private static Matrix<double> Latent(int seed) => SimilarityPropertyTests.RandomLatent(60, 4, seed);

    [Test]
    public void PairsHoldTheSimilarityMetricsInPairOrder()
    {
        var replicas = new[] { Latent(1), Latent(2), Latent(3) };
        var comparison = ReplicaComparison.Compare(replicas, neighbours: 5);
        Assert.That(comparison.Pairs.Select(p => (p.A, p.B)), Is.EqualTo(new[] { (0, 1), (0, 2), (1, 2) }));
        foreach (var p in comparison.Pairs)
        {
            var (x, y) = (replicas[p.A], replicas[p.B]);
            Assert.That(p.LinearCka, Is.EqualTo(Similarity.LinearCka(x, y)));
            Assert.That(p.ProcrustesResidual, Is.EqualTo(Similarity.Procrustes(x, y).Residual));
            Assert.That(p.Matching, Is.EqualTo(Similarity.MatchDimensions(x, y)));
            Assert.That(p.Raw, Is.EqualTo(Similarity.RawCorrelation(x, y)));
            Assert.That(p.NearestNeighbourOverlap, Is.EqualTo(Similarity.NearestNeighbourOverlap(x, y, 5)));
        }
        var cka = comparison.CkaMatrix();
        Assert.That(cka[2][0], Is.EqualTo(comparison.Pairs[1].LinearCka));
        Assert.That(cka[1][1], Is.EqualTo(1.0));
        Assert.That(comparison.ActiveUnits, Is.EqualTo(replicas.Select(r => ColumnStatistics.SampleVariances(r).Count(v => v > 0.01))));
        Assert.That(comparison, Is.EqualTo(ReplicaComparison.Compare(replicas.Select(r => r.Clone()).ToList(), neighbours: 5)), "content equality");
    }

    [Test]
    public void ASignedPermutationMatchesPerfectly()
    {
        var x = Latent(7);
        var y = Matrix<double>.Build.DenseOfColumnVectors(-x.Column(2), x.Column(0), x.Column(3), -x.Column(1)) * 3.0;
        var pair = ReplicaComparison.Compare([x, y]).Pairs.Single();
        Assert.That(pair.LinearCka!.Value, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(pair.ProcrustesResidual!.Value, Is.EqualTo(0.0).Within(1e-7));
        Assert.That(pair.Matching.MeanMatchedAbsoluteCorrelation, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(pair.Matching.Permutation, Is.EqualTo(new[] { 1, 3, 0, 2 }));
        Assert.That(pair.Matching.Signs, Is.EqualTo(new[] { 1, -1, -1, 1 }));
        Assert.That(pair.NearestNeighbourOverlap, Is.EqualTo(1.0));
        Assert.That(pair.Raw.MeanAbsoluteCorrelation, Is.LessThan(0.5), "without matching, the permuted dimensions hardly correlate");
    }

    [Test]
    public void ACollapsedReplicaLeavesCkaAndProcrustesUndefined()
    {
        var collapsed = Matrix<double>.Build.Dense(60, 4, 0.25);
        var comparison = ReplicaComparison.Compare([Latent(1), collapsed, Latent(2)]);
        Assert.That(comparison.Collapsed, Is.EqualTo(new[] { false, true, false }));
        Assert.That(comparison.Pairs.Select(p => p.LinearCka is null), Is.EqualTo(new[] { true, false, true }));
        Assert.That(comparison.Pairs.Select(p => p.ProcrustesResidual is null), Is.EqualTo(new[] { true, false, true }));
        Assert.That(comparison.Pairs[0].Matching.MeanMatchedAbsoluteCorrelation, Is.EqualTo(0.0), "no active pair with a collapsed replica");
        Assert.That(comparison.ActiveUnits[1], Is.EqualTo(0));
        Assert.That(comparison.CkaMatrix()[1][1], Is.Null);
    }

    [Test]
    public void BadInputNamesTheReplica()
    {
        var nan = Latent(1);
        nan[3, 2] = double.NaN;
        Assert.That(() => ReplicaComparison.Compare([Latent(1)]), Throws.ArgumentException.With.Message.Contains("at least 2"));
        Assert.That(() => ReplicaComparison.Compare([Latent(1), nan]), Throws.ArgumentException.With.Message.Contains("representations[1]"));
        Assert.That(() => ReplicaComparison.Compare([Latent(1), SimilarityPropertyTests.RandomLatent(50, 4, 2)]),
            Throws.ArgumentException.With.Message.Contains("representations[1] has 50 rows"));
        Assert.That(() => ReplicaComparison.Compare([Latent(1), Latent(2)], epsilon: -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
