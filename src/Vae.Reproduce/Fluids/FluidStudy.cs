using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.InfoGeometry.Decomposition;
using Vae.InfoGeometry.Probes;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;

namespace Vae.Reproduce.Fluids;

/// <summary>What one trained fluid VAE does on held-out matrices (<see cref="FluidStudy.Summarise"/>).</summary>
/// <param name="HeldOutMse">Mean reconstruction MSE in the model's normalised units.</param>
/// <param name="HeldOutDistanceMse">Mean over all entries of (D − decode(μ(D)))², σ².</param>
/// <param name="ActiveUnits">Latent units with Var_x(μ_j) &gt; ε = 0.01.</param>
/// <param name="FirstTwoComponentsShare">Share of the posterior means' variance in their first two PCA components.</param>
/// <param name="ProbeAccuracy">Test accuracy of the linear probe for γ on the held-out posterior means (20 % of them held out).</param>
/// <param name="VarianceRatios">Explained-variance ratios of the posterior means, descending.</param>
internal sealed record LatentSummary(double HeldOutMse, double HeldOutDistanceMse, int ActiveUnits, double FirstTwoComponentsShare,
    double ProbeAccuracy, IReadOnlyList<double> VarianceRatios);

/// <summary>
/// The slides' study of the fluid VAE shared by <c>vae fluids sweep / evaluate</c> and the report: the summary of a trained
/// model and the trade-off of reconstruction MSE against the KL weight λ and the latent size (docs/fluids.md §9).
/// </summary>
internal static class FluidStudy
{
    /// <summary>Active-unit threshold ε (Burda et al. 2016).</summary>
    internal const double ActiveUnitsEpsilon = 0.01;

    /// <summary>Reconstruction errors, active units, latent PCA shares and the linear probe for γ of one model.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="heldOut">Held-out matrices [count, N, N], σ.</param>
    /// <param name="labels">γ index of every held-out matrix, shape [count].</param>
    /// <param name="seed">Seed of the probe's split.</param>
    internal static LatentSummary Summarise(FluidVaeModel model, DistanceMatrixSet heldOut, IReadOnlyList<int> labels, int seed)
    {
        var mse = model.ReconstructionErrors(heldOut).Average();
        var truth = heldOut.Values;
        var guess = model.Reconstruct(heldOut).Values;
        double distanceMse = 0;
        for (int i = 0; i < truth.Length; i++) distanceMse += (truth[i] - guess[i]) * (double)(truth[i] - guess[i]);
        distanceMse /= truth.Length;
        var means = model.LatentMeans(heldOut);
        var active = ActiveUnits.Measure(means, ActiveUnitsEpsilon);
        var ratios = LatentPca.ExplainedVarianceRatios(means);
        var probe = LinearProbe.Evaluate(means, labels, ProbeFeatureSet.Mean, LinearProbeOptions.Default with { Seed = seed });
        return new LatentSummary(mse, distanceMse, active.VarianceCount, ratios.Take(2).Sum(), probe.TestAccuracy, ratios);
    }

    /// <summary>Upper median of the finite values (energies of overlapping pairs are +∞); null when there are none, since
    /// JSON has no ∞ or NaN.</summary>
    internal static double? FiniteMedian(IReadOnlyList<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? null : sorted[sorted.Length / 2];
    }

    /// <summary>Latent traversal: decodes mean + t·sd·v along one principal direction v of the posterior means (sd² its
    /// explained variance), for each t of <paramref name="steps"/>.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="pca">PCA of the posterior means [count, latent].</param>
    /// <param name="component">Index of the direction, 0 = the first.</param>
    /// <param name="steps">Multiples t of the standard deviation.</param>
    /// <returns>The decoded matrices [steps, N, N], σ.</returns>
    internal static DistanceMatrixSet Traverse(FluidVaeModel model, PcaModel pca, int component, IReadOnlyList<double> steps)
    {
        var latent = Matrix<double>.Build.Dense(steps.Count, pca.Mean.Count, (t, j) =>
            pca.Mean[j] + steps[t] * Math.Sqrt(pca.ExplainedVariance[component]) * pca.Components[component, j]);
        return model.Decode(latent);
    }

    /// <summary>A decoded matrix of a traversal as a heatmap.</summary>
    internal static Heatmap TraversalHeatmap(DistanceMatrixSet decoded, int index, double step, int component) =>
        Heatmap.FromArray(decoded.Matrix(index).ToArray()) with
        {
            Title = $"Decoded: mean + {step}·sd along PC{component + 1}", ColorBarLabel = "r (σ)", XLabel = "particle", YLabel = "particle",
        };

    /// <summary>One factor at a time around <paramref name="baseOptions"/>: every input scaling, then the other λ, then the
    /// other latent sizes (the grid of <c>vae fluids sweep</c>).</summary>
    internal static IReadOnlyList<(string Factor, FluidVaeOptions Options)> Grid(FluidVaeOptions baseOptions, IReadOnlyList<double> lambdas,
        IReadOnlyList<int> latents, bool scalings = true)
    {
        var grid = new List<(string Factor, FluidVaeOptions Options)>();
        if (scalings)
            foreach (var scaling in Enum.GetValues<FluidInputScaling>())
                grid.Add(("scaling", baseOptions with { InputScaling = scaling }));
        else
            grid.Add(("scaling", baseOptions));
        foreach (var lambda in lambdas.Where(l => l != baseOptions.Lambda))
            grid.Add(("lambda", baseOptions with { Lambda = lambda }));
        foreach (var latent in latents.Where(k => k != baseOptions.LatentSize))
            grid.Add(("latent", baseOptions with { LatentSize = latent }));
        return grid;
    }

    /// <summary>The slides' trade-off: held-out MSE (σ²) against λ and against the latent size, one plot each, over the grid
    /// points with standardised inputs (the base point belongs to both).</summary>
    /// <param name="points">Grid points with their summaries.</param>
    /// <param name="description">Epochs and training size, for the titles.</param>
    internal static IReadOnlyList<(string Name, LinePlot Plot)> TradeOff(IReadOnlyList<(string Factor, FluidVaeOptions Options, LatentSummary Summary)> points, string description)
    {
        var standardized = points.Where(r => r.Options.InputScaling == FluidInputScaling.Standardized).ToList();
        return new[] { ("lambda", "λ (KL weight)", (Func<FluidVaeOptions, double>)(o => o.Lambda), AxisScale.Logarithmic), ("latent", "latent size", o => o.LatentSize, AxisScale.Linear) }
            .Select(axis =>
            {
                var (name, label, key, scale) = axis;
                var line = standardized.Where(r => r.Factor == name || r.Factor == "scaling").OrderBy(r => key(r.Options)).ToList();
                return (name, new LinePlot
                {
                    Title = $"Held-out reconstruction MSE against {label} ({description})",
                    Series = [new LineSeries("MSE (σ²)", line.Select(r => key(r.Options)).ToArray(), line.Select(r => r.Summary.HeldOutDistanceMse).ToArray())],
                    XAxis = Axis.Default with { Label = label, Scale = scale }, YAxis = Axis.Default with { Label = "MSE (σ²)" }, ShowMarkers = true,
                });
            }).ToList();
    }
}
