namespace Vae.Fluids.Geometry;

/// <summary>
/// "Resting" a reconstructed configuration (LCP-B group 9 slides): find the convex hull, take the hull side closest
/// to the centre of mass, and rotate the polygon to sit on it — the orientation of least gravitational energy among
/// those standing on a hull side.
/// </summary>
/// <remarks>
/// <para>For a convex hull traversed counter-clockwise the interior is left of every edge, so after rotating edge
/// a → b onto the +x direction the polygon lies above it and the centre of mass (COM) height is the distance from
/// the COM to the edge's line. The COM of the points lies inside their hull, so the edge with the smallest such
/// distance is also the one whose foot point falls within the edge (a stable rest). Ties go to the first hull edge.</para>
/// <para>Placement: the resting side lies on y = 0 (the lowest point), COM above, and the leftmost point on x = 0.</para>
/// <para>Reflection rule: distances (and so reconstruction) fix a configuration only up to a mirror image, and gravity
/// does not choose between the two. We return the mirror image in which particle 0 lies at or left of the COM
/// (x₀ ≤ x_COM); if |x₀ − x_COM| ≤ 10⁻¹²·scale, particle 1 decides, and so on. With data sorted by height
/// (<see cref="DistanceMatrix"/>) particle 0 is the lowest particle of the original box.</para>
/// </remarks>
public static class Resting
{
    /// <summary>Rests the polygon of <paramref name="points"/> on its hull side closest to the centre of mass.</summary>
    /// <param name="points">At least 2 points with finite coordinates (e.g. a reconstruction).</param>
    /// <param name="applyReflectionRule">Apply the mirror-image rule above (default true).</param>
    /// <returns>The rested points in input order and the chosen side.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 points, a non-finite coordinate, or all points equal.</exception>
    public static RestedPolygon Rest(IReadOnlyList<Point2> points, bool applyReflectionRule = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
            throw new ArgumentException($"Resting needs at least 2 points; got {points.Count}.", nameof(points));
        var hull = ConvexHull.Of(points);
        if (hull.Vertices.Count < 2)
            throw new ArgumentException("All points coincide; there is no side to rest on.", nameof(points));
        var com = new Point2(points.Average(p => p.X), points.Average(p => p.Y));
        int best = 0;
        double bestHeight = double.PositiveInfinity;
        int sides = hull.Vertices.Count == 2 ? 1 : hull.Vertices.Count;
        for (int k = 0; k < sides; k++)
        {
            double h = HeightAbove(hull.Vertices[k], hull.Vertices[(k + 1) % hull.Vertices.Count], com);
            if (h < bestHeight)
            {
                bestHeight = h;
                best = k;
            }
        }
        var a = hull.Vertices[best];
        var b = hull.Vertices[(best + 1) % hull.Vertices.Count];
        double angle = Math.Atan2(b.Y - a.Y, b.X - a.X);
        double cos = Math.Cos(-angle), sin = Math.Sin(-angle);
        var rotated = points.Select(p => new Point2(cos * p.X - sin * p.Y, sin * p.X + cos * p.Y)).ToArray();
        bool reflected = false;
        if (applyReflectionRule)
        {
            double comX = rotated.Average(p => p.X);
            double scale = rotated.Max(p => Math.Abs(p.X - comX)) + 1;
            foreach (var p in rotated)
            {
                double d = p.X - comX;
                if (Math.Abs(d) <= 1e-12 * scale) continue;
                reflected = d > 0;
                break;
            }
            if (reflected)
                for (int i = 0; i < rotated.Length; i++) rotated[i] = rotated[i] with { X = -rotated[i].X };
        }
        double minX = rotated.Min(p => p.X), minY = rotated.Min(p => p.Y);
        var placed = rotated.Select(p => new Point2(p.X - minX, p.Y - minY)).ToArray();
        return new RestedPolygon(Array.AsReadOnly(placed), hull.Indices[best], hull.Indices[(best + 1) % hull.Indices.Count],
            placed.Average(p => p.Y), -angle, reflected);
    }

    /// <summary>Height of <paramref name="c"/> above the line through a → b (positive on the left of a → b).</summary>
    internal static double HeightAbove(Point2 a, Point2 b, Point2 c) =>
        ConvexHull.Cross(a, b, c) / Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
}
