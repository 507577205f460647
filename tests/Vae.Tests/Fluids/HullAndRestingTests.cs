using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Vae.Fluids.Geometry;

namespace Vae.Tests.Fluids;

public sealed class HullAndRestingTests
{
    private static Point2[] Points((sbyte X, sbyte Y)[]? raw) =>
        raw is null || raw.Length == 0 ? [new Point2(0, 0)] : raw.Select(p => new Point2(p.X % 8, p.Y % 8)).ToArray();

    // Small integer grids make duplicates and collinear triples common.
    [Test]
    public void HullContainsEveryPoint() =>
        Prop.ForAll<(sbyte X, sbyte Y)[]>(ContainsAll).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Test]
    public void HullIsStrictlyConvexCounterClockwiseAndMadeOfInputPoints() =>
        Prop.ForAll<(sbyte X, sbyte Y)[]>(ConvexCcw).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    private static bool ContainsAll((sbyte X, sbyte Y)[] raw)
    {
        var pts = Points(raw);
        var h = ConvexHull.Of(pts).Vertices;
        if (h.Count < 3) return pts.All(p => h.Count == 1 ? p == h[0] : Math.Abs(ConvexHull.Cross(h[0], h[1], p)) < 1e-12);
        return pts.All(p => Enumerable.Range(0, h.Count).All(k => ConvexHull.Cross(h[k], h[(k + 1) % h.Count], p) >= 0));
    }

    private static bool ConvexCcw((sbyte X, sbyte Y)[] raw)
    {
        var pts = Points(raw);
        var hull = ConvexHull.Of(pts);
        var h = hull.Vertices;
        bool fromInput = hull.Indices.Select(i => pts[i]).SequenceEqual(h) && h.Distinct().Count() == h.Count;
        if (h.Count < 3) return fromInput;
        bool strictTurns = Enumerable.Range(0, h.Count).All(k => ConvexHull.Cross(h[k], h[(k + 1) % h.Count], h[(k + 2) % h.Count]) > 0);
        double area2 = Enumerable.Range(0, h.Count).Sum(k => h[k].X * h[(k + 1) % h.Count].Y - h[(k + 1) % h.Count].X * h[k].Y);
        return fromInput && strictTurns && area2 > 0;
    }

    [Test]
    public void DegenerateHulls()
    {
        Assert.That(ConvexHull.Of([new(1, 1), new(1, 1), new(1, 1)]).Vertices, Is.EqualTo(new[] { new Point2(1, 1) }));
        Assert.That(ConvexHull.Of([new(2, 2), new(0, 0), new(1, 1), new(3, 3), new(1, 1)]).Vertices, Is.EqualTo(new[] { new Point2(0, 0), new Point2(3, 3) }));
        var square = ConvexHull.Of([new(0, 0), new(1, 0), new(2, 0), new(2, 2), new(0, 2), new(1, 1), new(2, 1)]);
        Assert.That(square.Vertices, Is.EqualTo(new[] { new Point2(0, 0), new Point2(2, 0), new Point2(2, 2), new Point2(0, 2) }));
        Assert.Throws<ArgumentException>(() => ConvexHull.Of(Array.Empty<Point2>()));
        Assert.Throws<ArgumentException>(() => ConvexHull.Of([new(double.NaN, 0)]));
    }

    [Test]
    public void RestingGivesTheMinimumCentreOfMassHeightOverAllSupportingSides()
    {
        var rng = new Random(17);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(3, 31);
            double sx = 0.5 + 5 * rng.NextDouble(), sy = 0.5 + 5 * rng.NextDouble();
            var pts = Enumerable.Range(0, n).Select(_ => new Point2(sx * rng.NextDouble(), sy * rng.NextDouble())).ToArray();
            var rested = Resting.Rest(pts);
            // Brute force, independent of the hull code: every ordered pair (i, j) with all points left of i → j is a
            // supporting side; rotate it onto the floor and measure the centre-of-mass height.
            double best = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (i == j) continue;
                    double ex = pts[j].X - pts[i].X, ey = pts[j].Y - pts[i].Y, len = Math.Sqrt(ex * ex + ey * ey);
                    var heights = pts.Select(p => ((p.Y - pts[i].Y) * ex - (p.X - pts[i].X) * ey) / len).ToArray();
                    if (heights.Min() < -1e-12) continue;
                    best = Math.Min(best, heights.Average() - heights.Min());
                }
            Assert.That(rested.CentreOfMassHeight, Is.EqualTo(best).Within(1e-9), $"trial {trial}");
            Assert.That(rested.Points.Min(p => p.Y), Is.EqualTo(0).Within(1e-12));
            Assert.That(rested.Points.Min(p => p.X), Is.EqualTo(0).Within(1e-12));
            Assert.That(rested.Points[rested.SideStart].Y, Is.EqualTo(0).Within(1e-9));
            Assert.That(rested.Points[rested.SideEnd].Y, Is.EqualTo(0).Within(1e-9));
            // Rigid motion: pairwise distances unchanged.
            Assert.That(Dist(rested.Points[0], rested.Points[n - 1]), Is.EqualTo(Dist(pts[0], pts[n - 1])).Within(1e-9));
            // Reflection rule: particle 0 at or left of the centre of mass.
            Assert.That(rested.Points[0].X, Is.LessThanOrEqualTo(rested.Points.Average(p => p.X) + 1e-9));
        }
    }

    [Test]
    public void MirrorImagesRestToTheSamePolygon()
    {
        var rng = new Random(3);
        var pts = Enumerable.Range(0, 20).Select(_ => new Point2(4 * rng.NextDouble(), 4 * rng.NextDouble())).ToArray();
        var mirror = pts.Select(p => new Point2(7 - p.X, p.Y)).ToArray();
        var a = Resting.Rest(pts);
        var b = Resting.Rest(mirror);
        for (int i = 0; i < pts.Length; i++)
        {
            Assert.That(b.Points[i].X, Is.EqualTo(a.Points[i].X).Within(1e-9));
            Assert.That(b.Points[i].Y, Is.EqualTo(a.Points[i].Y).Within(1e-9));
        }
        Assert.That(a.Reflected, Is.Not.EqualTo(b.Reflected));
    }

    [Test]
    public void RestingRejectsDegenerateInput()
    {
        Assert.Throws<ArgumentException>(() => Resting.Rest([new Point2(1, 1)]));
        Assert.Throws<ArgumentException>(() => Resting.Rest([new Point2(1, 1), new Point2(1, 1)]));
        var line = Resting.Rest([new Point2(0, 0), new Point2(1, 1), new Point2(2, 2)]);
        Assert.That(line.CentreOfMassHeight, Is.EqualTo(0).Within(1e-12));
    }

    private static double Dist(Point2 a, Point2 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
