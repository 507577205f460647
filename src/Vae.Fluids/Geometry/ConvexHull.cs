namespace Vae.Fluids.Geometry;

/// <summary>
/// The convex hull of a finite planar point set by Andrew's monotone chain: vertices in counter-clockwise order,
/// starting at the lexicographically smallest point (smallest x, then smallest y).
/// </summary>
/// <remarks>
/// Collinear points on an edge and duplicate points are not vertices (a vertex is a strict turn). Degenerate sets:
/// all points equal → one vertex; all collinear → the two extreme points. O(n log n).
/// Source: A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions", IPL 9 (1979).
/// </remarks>
public sealed class ConvexHull
{
    private ConvexHull(int[] indices, Point2[] vertices)
    {
        Indices = Array.AsReadOnly(indices);
        Vertices = Array.AsReadOnly(vertices);
    }

    /// <summary>Hull vertices, counter-clockwise, no repeated first vertex.</summary>
    public IReadOnlyList<Point2> Vertices { get; }

    /// <summary>Index into the input of each vertex (for duplicates, the first occurrence in the sorted order).</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Computes the hull of <paramref name="points"/>.</summary>
    /// <param name="points">At least one point, all coordinates finite.</param>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty or has a NaN/∞ coordinate.</exception>
    public static ConvexHull Of(IReadOnlyList<Point2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException("The convex hull needs at least one point.", nameof(points));
        for (int i = 0; i < points.Count; i++)
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
                throw new ArgumentException($"points[{i}] = {points[i]} is not finite.", nameof(points));
        var order = Enumerable.Range(0, points.Count)
            .OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ThenBy(i => i).ToArray();
        // Drop duplicates so the chain never sees a zero-length edge.
        var unique = new List<int>(order.Length);
        foreach (var i in order)
            if (unique.Count == 0 || points[unique[^1]] != points[i]) unique.Add(i);
        if (unique.Count <= 2)
            return Build(points, unique.ToArray());
        var hull = new int[2 * unique.Count];
        int k = 0;
        foreach (var i in unique)
        {
            while (k >= 2 && Cross(points[hull[k - 2]], points[hull[k - 1]], points[i]) <= 0) k--;
            hull[k++] = i;
        }
        for (int m = unique.Count - 2, lower = k + 1; m >= 0; m--)
        {
            int i = unique[m];
            while (k >= lower && Cross(points[hull[k - 2]], points[hull[k - 1]], points[i]) <= 0) k--;
            hull[k++] = i;
        }
        // The last vertex repeats the first; all-collinear input collapses to its two end points.
        return Build(points, hull[..(k - 1)]);
    }

    /// <summary>(b − a) × (c − a): positive for a counter-clockwise turn a → b → c.</summary>
    public static double Cross(Point2 a, Point2 b, Point2 c) => (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);

    private static ConvexHull Build(IReadOnlyList<Point2> points, int[] indices) =>
        new(indices, indices.Select(i => points[i]).ToArray());
}
