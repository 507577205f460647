using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Core.Models;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Schrödinger ("quantum") clustering (Horn &amp; Gottlieb 2001): build the potential V of the points
/// (<see cref="SchrodingerPotential"/>), let every point descend V's gradient to a minimum, and call each minimum a
/// cluster centre.
/// </summary>
public static class QuantumClustering
{
    /// <summary>Largest descent step, in units of σ.</summary>
    internal const double MaximumStep = 0.5;

    /// <summary>Clusters <paramref name="codes"/> (e.g. VAE posterior means) by gradient descent on their Schrödinger potential.</summary>
    /// <param name="codes">Points, shape [samples, d], samples ≥ 1, finite (not modified).</param>
    /// <param name="options">Options; <see cref="QuantumClusteringOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked between points.</param>
    /// <returns>Labels, centres (minima of V) and the potential, in the clustering space (PCA scores when
    /// <see cref="QuantumClusteringOptions.PcaComponents"/> is set).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="codes"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite codes, duplicated codes that leave the σ rule no distance, or
    /// the <see cref="BandwidthSelection.ClusterCount"/> selection without <see cref="QuantumClusteringOptions.Clusters"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option (σ ≤ 0 or NaN, PCA components above d,
    /// <see cref="QuantumClusteringOptions.Clusters"/> &lt; 1 or above the number of points, the σ rule's K, given or
    /// default, above n − 1, …); every option is checked before any work.</exception>
    /// <remarks>
    /// σ: <see cref="QuantumClusteringOptions.Sigma"/> when given, else the rule <see cref="QuantumClusteringOptions.Selection"/>
    /// on the clustering space — by default the median distance to the K-th nearest neighbour with K = ⌈n/12⌉
    /// (<see cref="Bandwidth.FromNearestNeighbours"/>, <see cref="Bandwidth.DefaultNeighbours"/>); given the number of
    /// clusters k, the σ in the middle of the coarsest range of σ over which V has k substantial minima (<see cref="Bandwidth.FromClusterCount"/>).
    /// Every minimum reached keeps its own label, substantial or not, unless <see cref="QuantumClusteringOptions.AssignFragments"/>
    /// is set (then the points of non-substantial minima join the nearest substantial minimum); the result reports how many
    /// are substantial (<see cref="QuantumClusteringResult.SubstantialClusterCount"/>).
    /// Descent: y ← y − η∇V from y = z_i, starting with η = σ² (the exact Newton step of the one-point harmonic
    /// potential V = ‖z − z₀‖²/2σ²); a step that does not lower V by at least 10⁻⁴ η‖∇V‖² (Armijo) is halved and
    /// retried, an accepted step lets η double again up to σ². Each step is also capped at length σ/2 (a trust region),
    /// so that a point follows the gradient flow into its own basin instead of jumping over a barrier into a deeper
    /// well (V decreases there too, so Armijo alone would accept the jump). A point stops when σ‖∇V‖ &lt; tolerance. End points
    /// are merged greedily in point order: an end point within <see cref="QuantumClusteringOptions.MergeRadius"/> σ of
    /// an existing centre joins it (the centre is the running mean of its end points), otherwise it opens a new centre.
    /// V and ∇V are evaluated over the points within 8σ, found on a grid of cells of side 4σ over the first min(d, 3)
    /// coordinates (relative weight of any omitted point below e^(−24)). With <see cref="QuantumClusteringOptions.AdaptiveWidths"/>
    /// or <see cref="QuantumClusteringOptions.LocalShapes"/> the kernels have covariances Σ_i (<see cref="KernelCovariances"/>)
    /// and σ above is the reference width: each point's step cap and convergence test use the shortest axis of its own
    /// kernel instead of σ, its η starts at that axis squared and may grow up to the square of its kernel's longest axis
    /// (the Newton step of its own harmonic well), the merge radius uses the shortest axis of all kernels, and each
    /// point's window is at least 8 times its kernel's longest axis. Each point descends independently (parallel over points), so the result is
    /// bit-reproducible whatever the thread count. Source: Horn &amp; Gottlieb, PRL 88, 018702, "gradient descent".
    /// </remarks>
    public static QuantumClusteringResult Fit(Matrix<double> codes, QuantumClusteringOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (space, sigma, prepared) = Prepare(codes, options ?? QuantumClusteringOptions.Default, cancellationToken);
        return FitPrepared(space, sigma, prepared, cancellationToken);
    }

    /// <summary>
    /// Clusters the posterior means of <paramref name="posterior"/> with one kernel per code shaped by the encoder's own
    /// posterior covariance: ψ is the VAE's aggregate posterior (1/n) Σ_i N(z; μ_i, diag σ²_i), with all covariances
    /// scaled by one factor that σ sets (<see cref="KernelCovariances.Posterior"/>).
    /// </summary>
    /// <param name="posterior">The encoder's posteriors (e.g. <c>vae.Encode(data)</c>): means and log-variances, both
    /// [samples, latent], samples ≥ 1, finite (not modified).</param>
    /// <param name="options">Options as for <see cref="Fit(Matrix{double}, QuantumClusteringOptions?, CancellationToken)"/>;
    /// <see cref="QuantumClusteringOptions.Default"/> when null. σ is the reference width: the kernels are Σ_i = σ² C_i with
    /// C_i the posterior covariances divided by their geometric-mean scale, so at σ² = exp(mean log σ²) they are the
    /// posteriors themselves. With <see cref="QuantumClusteringOptions.AdaptiveWidths"/> the kernels keep the posterior's
    /// shape (unit determinant) and take Abramson's sizes. With <see cref="QuantumClusteringOptions.PcaComponents"/> the
    /// covariances are projected with the means (P C_i Pᵀ).</param>
    /// <param name="cancellationToken">Checked between points.</param>
    /// <returns>As <see cref="Fit(Matrix{double}, QuantumClusteringOptions?, CancellationToken)"/>; the potential's
    /// <see cref="SchrodingerPotential.Covariances"/> are the kernels used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="posterior"/> or one of its matrices is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite means or log-variances, matrices of different shapes,
    /// log-variances spanning more than 1400 (variances that cannot be represented together),
    /// <see cref="QuantumClusteringOptions.LocalShapes"/> set (the posterior gives the shapes), or any error of
    /// <see cref="Fit(Matrix{double}, QuantumClusteringOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option, as for the codes alone.</exception>
    /// <remarks>Our extension of Horn &amp; Gottlieb's Parzen ψ (docs/quantum.md §10): a VAE does not give points but
    /// Gaussians, and the encoder's variance is its own statement of how far each code is known.</remarks>
    public static QuantumClusteringResult Fit(PosteriorCodes posterior, QuantumClusteringOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequirePosterior(posterior, nameof(posterior));
        options ??= QuantumClusteringOptions.Default;
        if (options.LocalShapes)
            throw new ArgumentException($"{nameof(options.LocalShapes)} cannot be combined with posterior kernels: the posterior gives each kernel its shape.", nameof(options.LocalShapes));
        var (space, sigma, prepared) = Prepare(posterior.Mean, options, cancellationToken, logVariances: posterior.LogVariance);
        return FitPrepared(space, sigma, prepared, cancellationToken);
    }

    /// <summary>Throws, naming <paramref name="parameter"/>, unless the posterior's means are valid points and its
    /// log-variances have their shape and are finite.</summary>
    internal static void RequirePosterior(PosteriorCodes? posterior, string parameter)
    {
        ArgumentNullException.ThrowIfNull(posterior, parameter);
        ArgumentNullException.ThrowIfNull(posterior.Mean, parameter);
        ArgumentNullException.ThrowIfNull(posterior.LogVariance, parameter);
        SchrodingerPotential.RequirePoints(posterior.Mean, parameter);
        var (mean, logVariance) = (posterior.Mean, posterior.LogVariance);
        if (logVariance.RowCount != mean.RowCount || logVariance.ColumnCount != mean.ColumnCount)
            throw new ArgumentException($"{parameter}.LogVariance is {logVariance.RowCount}×{logVariance.ColumnCount} but {parameter}.Mean is {mean.RowCount}×{mean.ColumnCount}.", parameter);
        KernelCovariances.RequireLogVariances(logVariance, $"{parameter}.LogVariance", parameter);
    }

    private static QuantumClusteringResult FitPrepared(Matrix<double> space, double sigma, QuantumClusteringOptions options, CancellationToken cancellationToken)
    {
        var count = space.RowCount;
        var (potential, raw, centres, sizes, iterations, converged) = DescendAndMerge(space, sigma, Enumerable.Range(0, count).ToArray(), options, cancellationToken);
        var (labels, centreMatrix, substantial, minimum) = Relabel(raw, centres, sizes, count, options);
        var values = Enumerable.Range(0, centreMatrix.RowCount)
            .Select(c => potential.Evaluate(centreMatrix.Row(c).ToArray(), Span<double>.Empty, windowed: false).Value).ToArray();
        return new QuantumClusteringResult(Array.AsReadOnly(labels), centreMatrix, Array.AsReadOnly(values), sigma, space.Clone(),
            Array.AsReadOnly(iterations), converged.Count(c => !c), potential, substantial, minimum);
    }

    /// <summary>
    /// Validates <paramref name="codes"/> and <paramref name="options"/>, projects the codes on their leading principal
    /// components when asked and chooses σ on that space: the shared start of <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/> and
    /// <see cref="DynamicQuantumClustering.Fit"/>. Returns a fresh matrix.
    /// </summary>
    /// <param name="codes">The codes as given.</param>
    /// <param name="options">The static options (validated here).</param>
    /// <param name="minimumSizes">For the <see cref="BandwidthSelection.ClusterCount"/> rule, how the minima at a σ are
    /// found (<see cref="Bandwidth.SearchClusterCount"/>); null: by the static descent.</param>
    /// <param name="cancellationToken">Passed to the σ rule.</param>
    /// <param name="smallestSigma">With <paramref name="minimumSizes"/>: the smallest σ it can count on the (projected)
    /// space; null: no limit.</param>
    /// <param name="logVariances">Posterior log-variances [samples, d] (validated by the caller): their covariances,
    /// projected with the codes, become <see cref="QuantumClusteringOptions.PosteriorCovariances"/> of the returned options.</param>
    /// <returns>The clustering space, σ, and the options the clustering runs with.</returns>
    internal static (Matrix<double> Space, double Sigma, QuantumClusteringOptions Options) Prepare(Matrix<double> codes, QuantumClusteringOptions options,
        CancellationToken cancellationToken, Func<Matrix<double>, double, int[], QuantumClusteringOptions, IReadOnlyList<int>>? minimumSizes = null,
        Func<Matrix<double>, double>? smallestSigma = null, Matrix<double>? logVariances = null)
    {
        SchrodingerPotential.RequirePoints(codes, nameof(codes));
        options.Validate();
        if (options.LocalShapes && (options.ShapeNeighbours ?? Bandwidth.DefaultNeighbours(codes.RowCount)) > codes.RowCount - 1)
            throw new ArgumentOutOfRangeException(nameof(options.ShapeNeighbours), options.ShapeNeighbours ?? Bandwidth.DefaultNeighbours(codes.RowCount),
                $"Local shapes need at most n − 1 = {codes.RowCount - 1} neighbours.");
        if (options.Sigma is null)
        {
            var neighbours = options.Neighbours
                ?? (options.Selection == BandwidthSelection.Lifetime ? Bandwidth.LifetimeNeighbours : Bandwidth.DefaultNeighbours(codes.RowCount));
            Bandwidth.RequireNeighbours(neighbours, codes.RowCount, "points", nameof(options.Neighbours));
        }
        if (options.Clusters is { } clusters && clusters > codes.RowCount)
            throw new ArgumentOutOfRangeException(nameof(options.Clusters), clusters,
                $"Clusters must be at most the number of points, {codes.RowCount}.");
        Matrix<double> space;
        PcaModel? projection = null;
        if (options.PcaComponents is { } components)
        {
            if (components > Math.Min(codes.RowCount, codes.ColumnCount))
                throw new ArgumentOutOfRangeException(nameof(options.PcaComponents), components,
                    $"PCA components must be at most min(samples, d) = {Math.Min(codes.RowCount, codes.ColumnCount)}.");
            projection = Pca.Fit(codes, PcaOptions.Default with { ComponentCount = components });
            space = projection.Transform(codes);
        }
        else
        {
            space = codes.Clone();
        }
        if (logVariances is not null) options = options with { PosteriorCovariances = KernelCovariances.Posterior(logVariances, projection) };
        var sigma = options.Sigma ?? options.Selection switch
        {
            BandwidthSelection.Lifetime => Bandwidth.FromLifetime(space, options with { PcaComponents = null }, cancellationToken).Sigma,
            BandwidthSelection.ClusterCount => minimumSizes is null
                ? Bandwidth.FromClusterCount(space, options.Clusters!.Value, options with { PcaComponents = null }, cancellationToken).Sigma
                : Bandwidth.SearchClusterCount(space, options.Clusters!.Value, options with { PcaComponents = null }, minimumSizes, cancellationToken,
                    smallestSigma?.Invoke(space) ?? 0).Sigma,
            _ => Bandwidth.FromNearestNeighbours(space, options.Neighbours ?? Bandwidth.DefaultNeighbours(space.RowCount), options.BandwidthScale),
        };
        return (space, sigma, options);
    }

    /// <summary>
    /// From merged end points to the published labels: fragments joined when <see cref="QuantumClusteringOptions.AssignFragments"/>
    /// is set, clusters ranked by decreasing size (ties: lower index), centres as a [k, d] matrix, and the count of
    /// substantial clusters with the size that makes one substantial.
    /// </summary>
    internal static (int[] Labels, Matrix<double> Centres, int Substantial, int MinimumSize) Relabel(
        int[] raw, List<double[]> centres, List<int> sizes, int count, QuantumClusteringOptions options)
    {
        var minimum = Bandwidth.SubstantialSize(count, options.Clusters);
        if (options.AssignFragments) (raw, centres, sizes) = AssignFragments(raw, centres, sizes, minimum);
        var order = Enumerable.Range(0, centres.Count).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var rank = new int[order.Length];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        var d = centres.Count == 0 ? 0 : centres[0].Length;
        var centreMatrix = Matrix<double>.Build.Dense(order.Length, d, (r, j) => centres[order[r]][j]);
        return (raw.Select(c => rank[c]).ToArray(), centreMatrix, sizes.Count(s => s >= minimum), minimum);
    }

    /// <summary>
    /// Builds V of all rows of <paramref name="space"/> at <paramref name="sigma"/>, lets the rows <paramref name="rows"/>
    /// (ascending) descend it and merges their end points in that order: the one descent-and-merge of <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>
    /// and of the σ rules that count minima (<see cref="Bandwidth.FromLifetime"/>, <see cref="Bandwidth.FromClusterCount"/>).
    /// </summary>
    internal static (SchrodingerPotential Potential, int[] Labels, List<double[]> Centres, List<int> Sizes, int[] Iterations, bool[] Converged)
        DescendAndMerge(Matrix<double> space, double sigma, int[] rows, QuantumClusteringOptions options, CancellationToken cancellationToken)
    {
        var covariances = KernelCovariances.For(space, sigma, options);
        var potential = covariances is null ? SchrodingerPotential.Create(space, sigma) : SchrodingerPotential.Create(space, sigma, covariances);
        var d = space.ColumnCount;
        var ends = new double[rows.Length * d];
        var iterations = new int[rows.Length];
        var converged = new bool[rows.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, rows.Length, parallel, q =>
        {
            var y = ends.AsSpan(q * d, d);
            for (var j = 0; j < d; j++) y[j] = space[rows[q], j];
            (iterations[q], converged[q]) = Descend(potential, y, potential.KernelAxes(rows[q]), options.MaxIterations, options.Tolerance);
        });
        cancellationToken.ThrowIfCancellationRequested();
        var (labels, centres, sizes) = Merge(ends, converged, d, options.MergeRadius * potential.MergeScale);
        return (potential, labels, centres, sizes, iterations, converged);
    }

    /// <summary>
    /// Points of every minimum with fewer than <paramref name="minimum"/> points join the substantial minimum nearest to
    /// theirs (Euclidean distance between the minima; ties to the lower index); the substantial minima keep their
    /// positions. Unchanged when no minimum, or every minimum, is substantial.
    /// </summary>
    internal static (int[] Labels, List<double[]> Centres, List<int> Sizes) AssignFragments(int[] labels, List<double[]> centres, List<int> sizes, int minimum)
    {
        var substantial = Enumerable.Range(0, centres.Count).Where(c => sizes[c] >= minimum).ToArray();
        if (substantial.Length == 0 || substantial.Length == centres.Count) return (labels, centres, sizes);
        var target = new int[centres.Count];
        for (var c = 0; c < centres.Count; c++)
        {
            var nearest = Array.IndexOf(substantial, c);
            if (nearest < 0)
            {
                var best = double.PositiveInfinity;
                for (var s = 0; s < substantial.Length; s++)
                {
                    var squared = 0.0;
                    for (var j = 0; j < centres[c].Length; j++) { var delta = centres[c][j] - centres[substantial[s]][j]; squared += delta * delta; }
                    if (squared < best) { best = squared; nearest = s; }
                }
            }
            target[c] = nearest;
        }
        var merged = new List<int>(new int[substantial.Length]);
        for (var c = 0; c < centres.Count; c++) merged[target[c]] += sizes[c];
        return (labels.Select(c => target[c]).ToArray(), substantial.Select(c => centres[c]).ToList(), merged);
    }

    /// <summary>Armijo-backtracked gradient descent of one point on V, in place, on the length scales of its own kernel
    /// (<paramref name="axes"/>; σ and σ for isotropic kernels); returns the steps taken and whether it converged.</summary>
    internal static (int Steps, bool Converged) Descend(SchrodingerPotential potential, Span<double> y, (double Shortest, double Longest) axes,
        int maxIterations, double tolerance)
    {
        var d = y.Length;
        var sigma = axes.Shortest;
        var sigma2 = sigma * sigma;
        var etaMax = axes.Longest * axes.Longest;
        Span<double> gradient = stackalloc double[d];
        Span<double> trial = stackalloc double[d];
        Span<double> trialGradient = stackalloc double[d];
        var value = potential.Evaluate(y, gradient, windowed: true).Value;
        var eta = sigma2;
        for (var step = 0; step < maxIterations; step++)
        {
            var norm2 = 0.0;
            for (var j = 0; j < d; j++) norm2 += gradient[j] * gradient[j];
            if (!double.IsFinite(norm2)) return (step, false);   // ∇V overflowed: not a minimum, counted as unconverged
            if (sigma * Math.Sqrt(norm2) < tolerance) return (step, true);
            while (true)
            {
                var length = eta * Math.Sqrt(norm2);
                if (length > MaximumStep * sigma) eta = MaximumStep * sigma / Math.Sqrt(norm2);
                for (var j = 0; j < d; j++) trial[j] = y[j] - eta * gradient[j];
                var trialValue = potential.Evaluate(trial, trialGradient, windowed: true).Value;
                if (trialValue <= value - 1e-4 * eta * norm2)
                {
                    trial.CopyTo(y);
                    trialGradient.CopyTo(gradient);
                    value = trialValue;
                    eta = Math.Min(2 * eta, etaMax);
                    break;
                }
                eta *= 0.5;
                if (eta < 1e-12 * sigma2) return (step, true);   // no further decrease representable: at the minimum to rounding
            }
        }
        return (maxIterations, false);
    }

    /// <summary>Greedy merge of end points (rows of <paramref name="ends"/>, length d each) into centres, in point order.
    /// Converged end points merge first: each joins the nearest centre within <paramref name="radius"/>, whose running mean
    /// it updates, or opens a centre of its own. Unconverged end points then join the nearest centre without moving it, so
    /// the centres are means of converged end points (minima of V) only; if no end point converged, the unconverged ones
    /// are merged among themselves by the radius rule.</summary>
    internal static (int[] Labels, List<double[]> Centres, List<int> Sizes) Merge(double[] ends, bool[] converged, int d, double radius)
    {
        var count = converged.Length;
        var centres = new List<double[]>();
        var sizes = new List<int>();
        var raw = new int[count];
        var anyConverged = Array.IndexOf(converged, true) >= 0;
        for (var i = 0; i < count; i++)
            if (converged[i] || !anyConverged) raw[i] = Join(ends.AsSpan(i * d, d), centres, sizes, radius, moveCentre: true);
        if (anyConverged)
            for (var i = 0; i < count; i++)
                if (!converged[i]) raw[i] = Join(ends.AsSpan(i * d, d), centres, sizes, double.PositiveInfinity, moveCentre: false);
        return (raw, centres, sizes);
    }

    /// <summary>Adds <paramref name="end"/> to the nearest centre within <paramref name="radius"/> (updating its running
    /// mean when <paramref name="moveCentre"/>) or opens a new centre; returns the centre's index.</summary>
    static int Join(ReadOnlySpan<double> end, List<double[]> centres, List<int> sizes, double radius, bool moveCentre)
    {
        int best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < centres.Count; c++)
        {
            var squared = 0.0;
            for (var j = 0; j < end.Length; j++) { var delta = end[j] - centres[c][j]; squared += delta * delta; }
            if (squared < bestDistance) { bestDistance = squared; best = c; }
        }
        if (best >= 0 && bestDistance <= radius * radius)
        {
            sizes[best]++;
            if (moveCentre)
                for (var j = 0; j < end.Length; j++) centres[best][j] += (end[j] - centres[best][j]) / sizes[best];
            return best;
        }
        centres.Add(end.ToArray());
        sizes.Add(1);
        return centres.Count - 1;
    }
}
