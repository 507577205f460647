using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Dynamic quantum clustering (Weinstein &amp; Horn, "Dynamic quantum clustering: a method for visual exploration of
/// structures in data", Phys. Rev. E 80, 066117, 2009): each point becomes the Gaussian wave packet
/// g_i(x) = exp(−‖x − z_i‖²/2σ²), evolves under H = −(σ²/2m)∇² + V with Horn &amp; Gottlieb's data potential V
/// (<see cref="SchrodingerPotential"/>), and is followed through its expected position ⟨x⟩(t); points that come to rest
/// together form a cluster.
/// </summary>
public static class DynamicQuantumClustering
{
    /// <summary>Clusters <paramref name="codes"/> by the time evolution of their wave packets.</summary>
    /// <param name="codes">Points, shape [samples, d], samples ≥ 1, finite (not modified).</param>
    /// <param name="options">Options; <see cref="DynamicQuantumClusteringOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked between matrix rows and between intervals.</param>
    /// <returns>Labels, rest points, the spectrum of H in the basis, in the clustering space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="codes"/> or <see cref="DynamicQuantumClusteringOptions.Clustering"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite codes, too few points for the σ rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option (mass or time step ≤ 0 or NaN, any invalid
    /// <see cref="QuantumClusteringOptions"/>), checked before any work; or, once σ is chosen, a quadrature grid too large
    /// for the basis (<see cref="DynamicQuantumClusteringOptions.GridSpacing"/>: in practice d' ≤ 3).</exception>
    /// <remarks>
    /// σ and the clustering space (PCA) come from <see cref="DynamicQuantumClusteringOptions.Clustering"/> as in
    /// <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>, except that the rule given k (<see cref="BandwidthSelection.ClusterCount"/>)
    /// counts this method's own substantial rest clusters at each σ of its ladder (<see cref="Bandwidth.FromClusterCount"/>
    /// counts the static minima, which the packet-averaged flow does not reproduce at the same σ); the ladder stops at the
    /// smallest σ whose grid fits the basis (below it the count is that of the smallest σ; when no σ on the ladder gives k,
    /// the result's <see cref="DynamicQuantumClusteringResult.SubstantialClusterCount"/> says what was found). H is restricted to the span of the Gaussians at the points (at most
    /// <see cref="DynamicQuantumClusteringOptions.BasisSize"/> of them; <c>CoherentStateBasis</c>): overlaps
    /// S_ab = ⟨g_a|g_b⟩ (closed form exp(−‖c_a − c_b‖²/4σ²) in units of (πσ²)^(d/2)), kinetic elements (σ²/2m)⟨∇g_a|∇g_b⟩
    /// and potential elements ⟨g_a|V|g_b⟩, all summed on one grid (spacing <see cref="DynamicQuantumClusteringOptions.GridSpacing"/>·σ)
    /// so that they are consistent Gram matrices; the span is orthonormalised through the overlap's eigen-decomposition and H diagonalised in it, so
    /// e^(−iHt) is exact within the span (Weinstein &amp; Horn's "truncated calculation"). Weinstein &amp; Horn follow
    /// ⟨x⟩(t) of the freely evolving packets, which oscillate in their wells; to obtain end points for an assignment,
    /// each packet is restarted at rest, as the Gaussian at its expected position, after every interval δt
    /// (<see cref="DynamicQuantumClusteringOptions.TimeStep"/>) — a damped quantum flow, our choice — until it moves less
    /// than Tolerance·σ in one interval. For small δt a step moves the packet by −(σ² t²/2m)⟨∇V⟩ (Ehrenfest), so the points
    /// descend the potential averaged over their packet; at larger δt packets can tunnel between neighbouring minima.
    /// End points are merged and labelled as in <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/> (MergeRadius·σ, fragments, size order).
    /// </remarks>
    public static DynamicQuantumClusteringResult Fit(Matrix<double> codes, DynamicQuantumClusteringOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DynamicQuantumClusteringOptions.Default;
        options.Validate();
        var clustering = options.Clustering;
        var (space, sigma, _) = QuantumClustering.Prepare(codes, clustering, cancellationToken,
            (points, trial, _, _) =>
            {
                var search = Flow(points, trial, options, cancellationToken);
                return QuantumClustering.Merge(search.Positions.ToRowMajorArray(), search.Resting, points.ColumnCount, clustering.MergeRadius * trial).Sizes;
            },
            space =>
            {
                var gaussians = Math.Min(space.RowCount, options.BasisSize);
                var smallest = CoherentStateBasis.SmallestSigma(space, gaussians, options.GridSpacing);
                return double.IsPositiveInfinity(smallest)
                    ? throw new ArgumentOutOfRangeException(nameof(options.GridSpacing), options.GridSpacing,
                        $"No σ keeps the quadrature grid in {space.ColumnCount} dimensions within {CoherentStateBasis.MaximumGridEntries:E0} entries for {gaussians} Gaussians; use a coarser GridSpacing, a smaller BasisSize or fewer PCA components.")
                    : smallest;
            });
        int count = space.RowCount, d = space.ColumnCount;
        var flow = Flow(space, sigma, options, cancellationToken);
        var (raw, merged, sizes) = QuantumClustering.Merge(flow.Positions.ToRowMajorArray(), flow.Resting, d, clustering.MergeRadius * sigma);
        var (labels, centreMatrix, substantial, minimum) = QuantumClustering.Relabel(raw, merged, sizes, count, clustering);
        return new DynamicQuantumClusteringResult(Array.AsReadOnly(labels), centreMatrix, sigma, space.Clone(), flow.Positions,
            Array.AsReadOnly(flow.Steps), flow.Resting.Count(r => !r), flow.Basis.Energies, flow.Basis.Size, flow.MinimumCaptured, substantial, minimum);
    }

    /// <summary>
    /// The damped evolution of every row of <paramref name="space"/> at σ = <paramref name="sigma"/>: basis, rest points
    /// ([n, d]), intervals taken, whether each came to rest, and the smallest captured norm.
    /// </summary>
    private static (Matrix<double> Positions, int[] Steps, bool[] Resting, CoherentStateBasis Basis, double MinimumCaptured) Flow(
        Matrix<double> space, double sigma, DynamicQuantumClusteringOptions options, CancellationToken cancellationToken)
    {
        int count = space.RowCount, d = space.ColumnCount;
        var potential = SchrodingerPotential.Create(space, sigma);
        var centreRows = BasisRows(count, options.BasisSize, options.Seed);
        var centres = Matrix<double>.Build.Dense(centreRows.Length, d, (b, j) => space[centreRows[b], j]);
        var basis = CoherentStateBasis.Create(centres, potential, options.Mass, options.GridSpacing, options.OverlapCutoff,
            options.Clustering.MaxDegreeOfParallelism, cancellationToken);
        var time = options.TimeStep * Math.Sqrt(options.Mass);
        var positions = space.Clone();
        var steps = new int[count];
        var resting = new bool[count];
        var stranded = new bool[count];
        var (_, captured) = basis.Evolve(space, 0.0);
        for (var i = 0; i < count; i++) stranded[i] = captured[i] < 1e-8;   // not represented: stays, unconverged
        for (var step = 0; step < options.MaxSteps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var active = Enumerable.Range(0, count).Where(i => !resting[i] && !stranded[i]).ToArray();
            if (active.Length == 0) break;
            var from = Matrix<double>.Build.Dense(active.Length, d, (r, j) => positions[active[r], j]);
            var (to, norms) = basis.Evolve(from, time);
            for (var r = 0; r < active.Length; r++)
            {
                var i = active[r];
                if (norms[r] < 1e-8) { stranded[i] = true; continue; }
                var moved = 0.0;
                for (var j = 0; j < d; j++) { var delta = to[r, j] - positions[i, j]; moved += delta * delta; positions[i, j] = to[r, j]; }
                steps[i]++;
                if (Math.Sqrt(moved) < options.Tolerance * sigma) resting[i] = true;
            }
        }
        return (positions, steps, resting, basis, captured.Min());
    }

    /// <summary>All rows when there are at most <paramref name="size"/>, else a seeded random subset of that size, ascending.</summary>
    private static int[] BasisRows(int count, int size, int seed)
    {
        if (count <= size) return Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).ToArray();
        random.Shuffle(rows);
        return rows.Take(size).Order().ToArray();
    }
}
