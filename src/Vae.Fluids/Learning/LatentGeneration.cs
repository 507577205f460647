using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.Core.Decomposition;
using Vae.Fluids.Analysis;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Learning;

/// <summary>
/// The slides' generation experiment: draw latent codes along the top PCA components of normal codes (each scaled
/// by its standard deviation), decode, reconstruct coordinates through the Gram matrix / classical MDS, rest them on
/// the convex hull and check them physically (no pair closer than a threshold; energy per particle).
/// </summary>
public static class LatentGeneration
{
    /// <summary>Generates and checks <paramref name="count"/> configurations.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="codes">Posterior means of normal data [samples, latent] (e.g. the training set of one γ), ≥ 2 rows.</param>
    /// <param name="components">Top PCA components m varied, in [1, latent]: z = mean + Σ_{i&lt;m} cᵢ·sdᵢ·vᵢ, cᵢ ~ N(0, 1) (sdᵢ² the explained variance).</param>
    /// <param name="count">Configurations, ≥ 1.</param>
    /// <param name="physics">Gravity γ, potential and temperature for the energies (its box is widened to hold a rested configuration).</param>
    /// <param name="minimumDistance">Validity threshold on every pair distance, σ, &gt; 0 (the issue: 0.8).</param>
    /// <param name="seed">Seed of the coefficients cᵢ (MathNet Mersenne Twister).</param>
    /// <param name="embedding">How coordinates are obtained from the decoded matrices; the slides' pipeline is
    /// <see cref="GenerationEmbedding.ClassicalMds"/> (the default).</param>
    /// <returns>The rested configurations, their minimum pair distances and energies (<see cref="Rebuild"/> of the decoded matrices).</returns>
    /// <exception cref="ArgumentException"><paramref name="codes"/> has the wrong width or too few rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the threshold is out of range.</exception>
    public static GenerationReport Generate(FluidVaeModel model, Matrix<double> codes, int components, int count, MetropolisOptions physics,
        double minimumDistance = 0.8, int seed = 0, GenerationEmbedding embedding = GenerationEmbedding.ClassicalMds)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(physics);
        int k = model.Model.LatentSize;
        if (codes.ColumnCount != k) throw new ArgumentException($"codes has {codes.ColumnCount} columns; the latent size is {k}.", nameof(codes));
        if (codes.RowCount < 2) throw new ArgumentException($"codes needs at least 2 rows; got {codes.RowCount}.", nameof(codes));
        if (components < 1 || components > k) throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in [1, {k}].");
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckThreshold(minimumDistance);
        if (!Enum.IsDefined(embedding)) throw new ArgumentOutOfRangeException(nameof(embedding), embedding, "Unknown embedding.");

        var pca = Pca.Fit(codes);
        int m = Math.Min(components, pca.ComponentCount);
        var normal = new Normal(0, 1, new MersenneTwister(seed));
        var latent = Matrix<double>.Build.Dense(count, k, (_, j) => pca.Mean[j]);
        var basis = pca.Components;
        for (int s = 0; s < count; s++)
            for (int c = 0; c < m; c++)
            {
                double step = normal.Sample() * Math.Sqrt(pca.ExplainedVariance[c]);
                for (int j = 0; j < k; j++) latent[s, j] += step * basis[c, j];
            }
        return Rebuild(model.Decode(latent), physics, minimumDistance, embedding) with { Components = m };
    }

    /// <summary>
    /// The geometry half of the generation pipeline on any stack of (possibly noisy) distance matrices: symmetrise
    /// (½(d_ij + d_ji)), zero the diagonal, clip negative entries to 0 → classical MDS in 2-D with double centring
    /// (<see cref="ClassicalMds"/>; or, with <see cref="GenerationEmbedding.MetricMds"/>, SMACOF started from it,
    /// <see cref="MetricMds"/>) → rest on the convex hull (<see cref="Resting"/>) → closest pair and U'/N.
    /// Applied to real matrices it checks the geometry itself (exact matrices must give back the original
    /// configurations, hence the original closest pairs).
    /// </summary>
    /// <param name="matrices">Matrices [count, N, N] in σ, count ≥ 1, N ≥ 2, finite.</param>
    /// <param name="physics">Gravity γ, potential and temperature for the energies (its box is widened to hold a rested configuration).</param>
    /// <param name="minimumDistance">Validity threshold on every pair distance, σ, &gt; 0.</param>
    /// <param name="embedding">Classical MDS (the slides', default) or metric MDS (SMACOF from the classical solution).</param>
    /// <returns>A report with <see cref="GenerationReport.Components"/> = 0 (nothing was generated).</returns>
    /// <exception cref="ArgumentException">The set is empty, N &lt; 2, or an entry is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not &gt; 0.</exception>
    public static GenerationReport Rebuild(DistanceMatrixSet matrices, MetropolisOptions physics, double minimumDistance = 0.8,
        GenerationEmbedding embedding = GenerationEmbedding.ClassicalMds)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        ArgumentNullException.ThrowIfNull(physics);
        CheckThreshold(minimumDistance);
        if (!Enum.IsDefined(embedding)) throw new ArgumentOutOfRangeException(nameof(embedding), embedding, "Unknown embedding.");
        if (matrices.Count < 1) throw new ArgumentException("matrices is empty.", nameof(matrices));
        int n = matrices.Particles, count = matrices.Count;
        if (n < 2) throw new ArgumentException($"matrices need N ≥ 2; got N = {n}.", nameof(matrices));
        var configurations = new List<ParticleConfiguration>(count);
        var minimum = new double[count];
        var matrixMinimum = new double[count];
        var stress = new double[count];
        var energies = new double[count];
        for (int s = 0; s < count; s++)
        {
            var d = matrices.Matrix(s);
            if (d.Enumerate().Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"matrix {s} has a non-finite entry.", nameof(matrices));
            var symmetric = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0 : Math.Max(0, 0.5 * (d[i, j] + d[j, i])));
            double closestEntry = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++) closestEntry = Math.Min(closestEntry, symmetric[i, j]);
            matrixMinimum[s] = closestEntry;
            var mds = ClassicalMds.Embed(symmetric, 2, GramConvention.DoubleCentred);
            stress[s] = mds.Stress;
            var xy = embedding == GenerationEmbedding.MetricMds ? MetricMds.Embed(symmetric, mds.Coordinates).Coordinates : mds.Coordinates;
            var rested = Resting.Rest(Enumerable.Range(0, n).Select(i => new Point2(xy[i, 0], xy[i, 1])).ToList());
            var x = rested.Points.Select(p => Math.Max(0, p.X)).ToArray();
            var y = rested.Points.Select(p => Math.Max(0, p.Y)).ToArray();
            double extent = Math.Max(physics.Box, Math.Max(x.Max(), y.Max()));
            var configuration = ParticleConfiguration.FromCoordinates(x, y, extent);
            configurations.Add(configuration);
            double closest = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    closest = Math.Min(closest, Math.Sqrt((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])));
            minimum[s] = closest;
            energies[s] = FluidEnergy.PerParticle(configuration, physics with { Box = extent, MaxDisplacement = Math.Min(physics.MaxDisplacement, extent) });
        }
        return new GenerationReport(configurations.AsReadOnly(), Array.AsReadOnly(minimum), Array.AsReadOnly(energies), minimumDistance, 0)
        {
            MatrixMinimumDistances = matrixMinimum,
            MdsStresses = stress,
        };
    }

    private static void CheckThreshold(double minimumDistance)
    {
        if (!(minimumDistance > 0) || !double.IsFinite(minimumDistance))
            throw new ArgumentOutOfRangeException(nameof(minimumDistance), minimumDistance, "minimumDistance must be finite and > 0.");
    }
}
