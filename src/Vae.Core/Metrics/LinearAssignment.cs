namespace Vae.Core.Metrics;

/// <summary>
/// The rectangular linear assignment problem (Hungarian algorithm): a one-to-one assignment of rows to columns
/// minimising the total cost.
/// </summary>
/// <remarks>
/// Kuhn–Munkres with row and column potentials and shortest augmenting paths (Kuhn 1955; Munkres 1957; the
/// augmentation of Jonker &amp; Volgenant 1987, Computing 38:325), O(r² c) for r ≤ c; a wider-than-tall problem is solved
/// on the transpose. Ties go to the lowest column index. Peer: <c>scipy.optimize.linear_sum_assignment</c> (Crouse
/// 2016), which returns the same total cost and, when the optimum is unique, the same assignment.
/// </remarks>
internal static class LinearAssignment
{
    /// <summary>
    /// Minimum-cost assignment. Returns, for every row i, the assigned column, or −1 when there are more rows than
    /// columns and row i is left out; min(rows, columns) rows are assigned.
    /// </summary>
    /// <param name="cost">Finite costs, shape [rows, columns].</param>
    public static int[] Minimise(double[,] cost)
    {
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        if (rows <= columns) return Solve(rows, columns, (i, j) => cost[i, j]);
        var transposed = Solve(columns, rows, (i, j) => cost[j, i]);
        var assignment = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 0; j < columns; j++) assignment[transposed[j]] = j;
        return assignment;
    }

    /// <summary>Potentials formulation for n ≤ m (1-based internally; index 0 is the virtual start column).</summary>
    private static int[] Solve(int n, int m, Func<int, int, double> a)
    {
        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];      // p[j]: row (1-based) assigned to column j, 0 = free
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = -1;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double current = a(i0 - 1, j - 1) - u[i0] - v[j];
                    if (current < minv[j]) { minv[j] = current; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var assignment = new int[n];
        for (int j = 1; j <= m; j++)
            if (p[j] != 0) assignment[p[j] - 1] = j - 1;
        return assignment;
    }
}
