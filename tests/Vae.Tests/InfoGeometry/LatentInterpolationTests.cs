using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Interpolation;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class LatentInterpolationTests
{
    private static readonly DiagonalNormal A = DiagonalNormal.FromMeanStdDev(new[] { -2.0, 0.5, 1.0 }, new[] { 0.1, 0.4, 1.0 });
    private static readonly DiagonalNormal B = DiagonalNormal.FromMeanStdDev(new[] { 2.0, 0.5, -1.0 }, new[] { 0.2, 0.1, 1.0 });

    /// <summary>A linear "decoder" with a known matrix: outputs = codes · M + c, so decoded rows can be checked exactly.</summary>
    private static readonly Matrix<double> M = Matrix<double>.Build.Dense(3, 5, (i, j) => (i + 1) * 0.1 - j * 0.05);

    private static Matrix<double> Decoder(Matrix<double> codes) => codes * M + 1.0;

    [Test]
    public void StraightLinesAndGeodesicShareEndpointsAndDiffer()
    {
        var line = LatentInterpolation.Path(A, B, InterpolationMethod.MeanStdDevLine, 11);
        var geodesic = LatentInterpolation.Path(A, B, InterpolationMethod.FisherRaoGeodesic, 11);
        Assert.That(line.Points[0], Is.EqualTo(A));
        Assert.That(line.Points[10], Is.EqualTo(B));
        Assert.That(geodesic.Points[0], Is.EqualTo(A));
        Assert.That(geodesic.Points[10], Is.EqualTo(B));
        Assert.That(line.Times[5], Is.EqualTo(0.5));
        Assert.That(line.Points[5].Mean[0], Is.EqualTo(0.0).Within(1e-15));
        Assert.That(line.Points[5].StdDev[0], Is.EqualTo(0.15).Within(1e-15));
        // Coordinate 0 (Δμ = 4 ≫ σ) bulges far above the line; coordinate 1 (Δμ = 0) follows σ₁(σ₂/σ₁)^t below the line.
        Assert.That(geodesic.Points[5].StdDev[0], Is.GreaterThan(5 * line.Points[5].StdDev[0]));
        Assert.That(geodesic.Points[5].StdDev[1], Is.EqualTo(0.2).Within(1e-15));
        Assert.That(geodesic.Points[5].Mean[1], Is.EqualTo(0.5));
        // Consecutive geodesic points are equally spaced in Fisher–Rao distance; line points are not.
        double step = FisherRao.Distance(A, B) / 10;
        for (int i = 0; i < 10; i++)
            Assert.That(FisherRao.Distance(geodesic.Points[i], geodesic.Points[i + 1]), Is.EqualTo(step).Within(1e-10));
        var lineSteps = Enumerable.Range(0, 10).Select(i => FisherRao.Distance(line.Points[i], line.Points[i + 1])).ToArray();
        Assert.That(lineSteps.Max() / lineSteps.Min(), Is.GreaterThan(1.3), "the line is not at constant Fisher–Rao speed");
        Assert.That(lineSteps.Sum(), Is.GreaterThan(FisherRao.Distance(A, B)), "the straight line is longer than the geodesic");
    }

    [Test]
    public void DecodingWithoutSamplingDecodesTheMeans()
    {
        var geodesic = LatentInterpolation.Path(A, B, InterpolationMethod.FisherRaoGeodesic, 6);
        var decoded = geodesic.Decode(Decoder);
        Assert.That(decoded.RowCount, Is.EqualTo(6));
        Assert.That((decoded - Decoder(geodesic.MeanCodes())).InfinityNorm(), Is.EqualTo(0));
        for (int i = 0; i < 6; i++)
            Assert.That(geodesic.MeanCodes().Row(i).ToArray(), Is.EqualTo(geodesic.Points[i].Mean.ToArray()));
    }

    [Test]
    public void SampledMeanLineIsTheLineBetweenTwoEndpointDraws()
    {
        var line = LatentInterpolation.Path(A, B, InterpolationMethod.MeanLine, 5);
        var codes = line.SampledCodes(3);
        for (int i = 0; i < 5; i++)
        {
            double t = i / 4.0;
            var expected = (1 - t) * codes.Row(0) + t * codes.Row(4);
            Assert.That((codes.Row(i) - expected).InfinityNorm(), Is.LessThan(1e-14));
        }
        Assert.That(codes.Equals(line.SampledCodes(3)), Is.True, "reproducible for a seed");
        Assert.That(codes.Row(0).Equals(Vector<double>.Build.DenseOfEnumerable(A.Mean)), Is.False, "an actual draw");
    }

    [Test]
    public void SampledGeodesicDrawsHaveThePathsMomentsAndDifferentSeedsDiffer()
    {
        var geodesic = LatentInterpolation.Path(A, B, InterpolationMethod.FisherRaoGeodesic, 3);
        const int draws = 20000;
        var sum = new double[3];
        var sumSq = new double[3];
        for (int s = 0; s < draws; s++)
        {
            var z = geodesic.SampledCodes(s).Row(1);
            for (int j = 0; j < 3; j++) { sum[j] += z[j]; sumSq[j] += z[j] * z[j]; }
        }
        var mid = geodesic.Points[1];
        for (int j = 0; j < 3; j++)
        {
            double mean = sum[j] / draws, variance = sumSq[j] / draws - mean * mean;
            Assert.That(mean, Is.EqualTo(mid.Mean[j]).Within(5 * mid.StdDev[j] / Math.Sqrt(draws)));
            Assert.That(Math.Sqrt(variance), Is.EqualTo(mid.StdDev[j]).Within(0.03 * mid.StdDev[j]));
        }
    }

    [Test]
    public void GridHasThePapersRowsWithTheRightShapes()
    {
        var xa = Enumerable.Range(0, 5).Select(i => i * 0.1).ToArray();
        var xb = Enumerable.Range(0, 5).Select(i => 1 - i * 0.1).ToArray();
        var rows = LatentInterpolation.Grid(xa, xb, A, B, Decoder, InterpolationOptions.Default with { Steps = 7, Seed = 4 });
        Assert.That(rows.Select(r => r.Kind), Is.EqualTo(Enum.GetValues<InterpolationRowKind>()));
        foreach (var row in rows)
            Assert.That((row.Outputs.RowCount, row.Outputs.ColumnCount), Is.EqualTo((7, 5)), row.Kind.ToString());
        var input = rows[0].Outputs;
        Assert.That(input.Row(0).ToArray(), Is.EqualTo(xa));
        Assert.That(input.Row(6).ToArray(), Is.EqualTo(xb));
        Assert.That((rows[1].Outputs - rows[3].Outputs).InfinityNorm(), Is.EqualTo(0), "both straight lines have the same means");
        Assert.That((rows[1].Outputs - rows[6].Outputs).InfinityNorm(), Is.GreaterThan(0), "geodesic means are not on the straight line in time");
    }

    [Test]
    public void ProfileCsvRoundTrips()
    {
        var profile = LatentInterpolation.Profile(A, B, 4);
        Assert.That(profile, Has.Count.EqualTo(2 * 4 * 3));
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"profile-{Guid.NewGuid():N}.csv");
        try
        {
            LatentInterpolation.WriteProfileCsv(file, profile);
            var lines = File.ReadAllLines(file);
            Assert.That(lines[0], Is.EqualTo("method,t,dimension,mean,std_dev"));
            Assert.That(lines, Has.Length.EqualTo(1 + profile.Count));
            var parts = lines[^1].Split(',');
            var last = profile[^1];
            Assert.That(parts[0], Is.EqualTo("FisherRaoGeodesic"));
            Assert.That(double.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(last.StdDev));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void BadDecoderOutputIsReported()
    {
        var path = LatentInterpolation.Path(A, B, InterpolationMethod.MeanLine, 3);
        Assert.Throws<InvalidOperationException>(() => path.Decode(codes => Matrix<double>.Build.Dense(2, 4)));
        Assert.Throws<InvalidOperationException>(() => path.Decode(codes => Matrix<double>.Build.Dense(3, 4, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentInterpolation.Path(A, B, InterpolationMethod.MeanLine, 1));
        Assert.Throws<ArgumentException>(() => LatentInterpolation.Path(A, DiagonalNormal.FromMeanStdDev(new[] { 0.0 }, new[] { 1.0 }), InterpolationMethod.MeanLine, 3));
    }

    /// <summary>Review finding 10: Grid checked its inputs only for count, so a NaN feature came back as a NaN InputSpace
    /// row, and a bad options.Steps was reported as "steps" (Path's parameter).</summary>
    [Test]
    public void GridRejectsNonFiniteInputsAndNamesOptionsSteps()
    {
        double[] finite = [0.0, 0.0, 0.0, 0.0, 0.0];   // the Decoder's 5 features
        Assert.That(() => LatentInterpolation.Grid([double.NaN, 0.0, 0.0, 0.0, 0.0], finite, A, B, Decoder),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("inputA").And.Message.Contains("inputA[0] = NaN"));
        Assert.That(() => LatentInterpolation.Grid(finite, [0.0, double.NegativeInfinity, 0.0, 0.0, 0.0], A, B, Decoder),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("inputB").And.Message.Contains("inputB[1] = "));
        Assert.That(() => LatentInterpolation.Grid(finite, finite, A, B, Decoder, InterpolationOptions.Default with { Steps = 1 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.Steps").And.Property("ActualValue").EqualTo(1));
    }
}
