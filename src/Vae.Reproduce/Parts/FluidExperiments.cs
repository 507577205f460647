using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Analysis;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;
using Vae.InfoGeometry.Decomposition;
using Vae.InfoGeometry.Probes;
using Vae.Reproduce.Figures;
using Vae.Reproduce.Fluids;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The slides' experiments on the fluid VAE beyond anomaly detection (issue 14, docs/fluids.md §9): the latent space by γ
/// with a linear probe set beside the Bayes limit of the data and a latent traversal, missing data, and generation with its physical check.
/// </summary>
internal static class FluidExperiments
{
    /// <summary>Training and held-out configurations of one γ.</summary>
    internal sealed record GammaSplit(double Gamma, ConfigurationSet Train, ConfigurationSet HeldOut);

    /// <summary>The split of every γ with its distance matrices and γ indices, built once for the model and every experiment.</summary>
    /// <param name="Gammas">Every γ's configurations, in the order of the labels.</param>
    /// <param name="Train">The training matrices of every γ, one γ after the other [count, N, N], σ.</param>
    /// <param name="HeldOut">The held-out matrices of every γ, in the same order, σ.</param>
    /// <param name="TrainLabels">γ index of every training matrix.</param>
    /// <param name="HeldOutLabels">γ index of every held-out matrix.</param>
    internal sealed record Split(IReadOnlyList<GammaSplit> Gammas, DistanceMatrixSet Train, DistanceMatrixSet HeldOut,
        IReadOnlyList<int> TrainLabels, IReadOnlyList<int> HeldOutLabels)
    {
        /// <summary>Distance matrices and labels of <paramref name="gammas"/>.</summary>
        internal static Split Of(IReadOnlyList<GammaSplit> gammas) => new(gammas,
            DistanceMatrixSet.Concatenate(gammas.Select(s => DistanceMatrixSet.FromConfigurations(s.Train)).ToList()),
            DistanceMatrixSet.Concatenate(gammas.Select(s => DistanceMatrixSet.FromConfigurations(s.HeldOut)).ToList()),
            gammas.SelectMany((s, g) => Enumerable.Repeat(g, s.Train.Count)).ToArray(),
            gammas.SelectMany((s, g) => Enumerable.Repeat(g, s.HeldOut.Count)).ToArray());
    }

    /// <summary>Runs the three experiments on a trained model.</summary>
    /// <param name="model">The model, trained on <see cref="Split.Train"/>.</param>
    /// <param name="configurationModel">The <see cref="FluidDecoder.Configuration"/> model trained on the same matrices, generated from beside it.</param>
    /// <param name="split">Every γ's configurations and matrices.</param>
    /// <param name="physics">N, box, potential and temperature of the data (γ is set per experiment).</param>
    /// <param name="generate">Configurations generated.</param>
    /// <param name="seed">Seed of the masks and the generation.</param>
    /// <param name="figures">Receives the figures.</param>
    /// <param name="tables">Receives the tables.</param>
    /// <returns>The metrics.json entry.</returns>
    internal static JsonObject Run(FluidVaeModel model, FluidVaeModel configurationModel, Split split, MetropolisOptions physics, int generate, int seed,
        List<ReportFigure> figures, List<ReportTable> tables)
    {
        var (splits, train, heldOut, trainLabels, heldOutLabels) = split;
        var gammas = splits.Select(s => s.Gamma).ToArray();
        var metrics = new JsonObject();

        // 1. Latent space by γ, and the best any method can do: S = Σ y_i is sufficient for γ at equilibrium.
        var trainCodes = model.LatentMeans(train);
        var heldOutCodes = model.LatentMeans(heldOut);
        double probe = LinearProbe.Fit(trainCodes, trainLabels).Accuracy(heldOutCodes, heldOutLabels);
        double limit = LinearProbe.Fit(HeightSums(splits, s => s.Train), trainLabels).Accuracy(HeightSums(splits, s => s.HeldOut), heldOutLabels);
        var active = ActiveUnits.Measure(heldOutCodes);
        var ratios = LatentPca.ExplainedVarianceRatios(heldOutCodes);
        figures.Add(new ReportFigure("fluids-latent-pca", "Latent space by γ",
            $"Posterior means of {heldOut.Count} held-out configurations on their first two PCA components. Linear probe for γ (fitted on the {train.Count} training codes): {probe:P1} held out; " +
            $"the Bayes limit of one configuration, the same probe on the sufficient statistic Σ yᵢ: {limit:P1} (docs/fluids.md §9).",
            FluidFigures.LatentPcaByGamma(heldOutCodes, heldOutLabels, gammas).ToSvg()));
        tables.Add(new ReportTable($"Latent space of the fluid VAE ({heldOut.Count} held-out configurations; probes fitted on the {train.Count} training configurations)",
            ["quantity", "value", "issue's target"],
            [["active units (ε = 0.01)", $"{active.VarianceCount} of {heldOutCodes.ColumnCount}", "≥ 8"],
             ["variance in the first two latent PCA components", ratios.Take(2).Sum().ToString("P1"), "≤ 50 %"],
             ["linear probe for γ on the posterior means", probe.ToString("P1"), "≥ 90 %"],
             ["Bayes limit: linear probe on Σ yᵢ (sufficient for γ; no function of a configuration does better)", limit.ToString("P1"), "–"]]));
        metrics["latent"] = new JsonObject
        {
            ["active_units"] = active.VarianceCount, ["latent"] = heldOutCodes.ColumnCount, ["first_two_share"] = ratios.Take(2).Sum(),
            ["probe_accuracy"] = probe, ["bayes_limit_accuracy"] = limit, ["train_count"] = train.Count, ["held_out_count"] = heldOut.Count,
        };

        // Latent traversal along the first principal direction of the held-out codes.
        var pca = Vae.Core.Decomposition.Pca.Fit(heldOutCodes);
        double[] steps = [-2.0, 0.0, 2.0];
        var decoded = FluidStudy.Traverse(model, pca, 0, steps);
        for (int t = 0; t < steps.Length; t++)
            figures.Add(new ReportFigure($"fluids-traversal-pc1-{t}", $"Latent traversal: mean {steps[t]:+0;−0;+0}·sd along PC1",
                $"The decoded matrix at the mean of the held-out codes plus {steps[t]} standard deviations along their first principal direction ({pca.ExplainedVarianceRatio[0]:P1} of the variance); mean decoded distance {decoded.Matrix(t).Enumerate().Average():F2} σ.",
                FluidStudy.TraversalHeatmap(decoded, t, steps[t], 0).ToSvg()));
        metrics["traversal"] = new JsonObject
        {
            ["component"] = 1, ["steps"] = Array(steps),
            ["mean_distance"] = Array(Enumerable.Range(0, steps.Length).Select(t => decoded.Matrix(t).Enumerate().Average())),
        };

        // 2. Missing data on the held-out matrices, one masked block each.
        int block = AnomalyFamilyOptions.Default.MaskBlock;
        var missing = MissingData.Evaluate(model, heldOut, AnomalyData.Mask(heldOut, block, seed), train);
        tables.Add(new ReportTable($"Missing data: one {block} × {block} block (and its mirror) masked in each of {missing.Matrices} held-out matrices; MSE on the {missing.MaskedEntries} masked entries (σ²)",
            ["method", "MSE (σ²)", "ratio to mean imputation"],
            [["mean imputation (per-entry training mean)", F(missing.MeanImputationMse), "1"],
             ["one VAE pass on the 0-filled matrix", F(missing.ZeroFilledReconstructionMse), F(missing.ZeroFilledReconstructionMse / missing.MeanImputationMse, 3)],
             ["one-shot VAE imputation", F(missing.OneShotImputationMse), F(missing.OneShotRatioToMeanImputation, 3)],
             [$"iterated VAE imputation ({missing.Iterations} passes)", F(missing.VaeImputationMse), F(missing.RatioToMeanImputation, 3)],
             ["VAE reconstruction of the complete matrix (the model's floor)", F(missing.UnmaskedReconstructionMse), F(missing.UnmaskedReconstructionMse / missing.MeanImputationMse, 3)],
             [$"planar distance completion from the mean, no VAE (geometry; {missing.GeometricUnfittedMatrices} matrices left in a local minimum)", F(missing.GeometricImputationMse), F(missing.GeometricRatioToMeanImputation, 3)],
             [$"VAE + planar projection ({missing.ProjectedIterations} passes; {missing.ProjectedUnfittedMatrices} matrices in a local minimum)", F(missing.ProjectedImputationMse), F(missing.ProjectedRatioToMeanImputation, 3)]]));
        metrics["missing_data"] = new JsonObject
        {
            ["block"] = block, ["matrices"] = missing.Matrices, ["masked_entries"] = missing.MaskedEntries, ["mean_imputation_mse"] = missing.MeanImputationMse,
            ["one_shot_mse"] = missing.OneShotImputationMse, ["iterated_mse"] = missing.VaeImputationMse, ["iterations"] = missing.Iterations,
            ["unmasked_reconstruction_mse"] = missing.UnmaskedReconstructionMse, ["ratio_to_mean_imputation"] = missing.RatioToMeanImputation,
            ["geometric_mse"] = missing.GeometricImputationMse, ["geometric_ratio_to_mean_imputation"] = missing.GeometricRatioToMeanImputation,
            ["geometric_unfitted_matrices"] = missing.GeometricUnfittedMatrices, ["projected_mse"] = missing.ProjectedImputationMse,
            ["projected_ratio_to_mean_imputation"] = missing.ProjectedRatioToMeanImputation, ["projected_unfitted_matrices"] = missing.ProjectedUnfittedMatrices,
        };

        // 3. Generation along the top latent PCA components at the largest γ, stage by stage, with the energies: the slides'
        // matrix decoder, and the permutation-invariant configuration decoder trained on the same matrices.
        var last = splits[^1];
        var atGamma = physics with { Gamma = last.Gamma };
        var lastHeldOut = heldOut.Slice(heldOut.Count - last.HeldOut.Count, last.HeldOut.Count);
        var metropolis = Enumerable.Range(0, last.HeldOut.Count).Select(k => FluidEnergy.PerParticle(last.HeldOut.Configuration(k), atGamma)).ToArray();
        var (matrixMetrics, matrixGenerated) = Generation(model, "matrix decoder (the slides')", lastHeldOut, atGamma, generate, seed, tables);
        var (configurationMetrics, configurationGenerated) = Generation(configurationModel, "configuration decoder", lastHeldOut, atGamma, generate, seed, tables);
        figures.Add(new ReportFigure("fluids-generated-energy", "Energies of generated configurations",
            $"U'/N of {generate} generated configurations per decoder (VAE → classical MDS → resting; matrix decoder {matrixGenerated.ValidFraction:P0} valid, " +
            $"configuration decoder {configurationGenerated.ValidFraction:P0} valid) against {metropolis.Length} held-out Metropolis configurations at γ = {last.Gamma}.",
            FluidFigures.EnergyDensities($"U'/N of generated and Metropolis configurations, γ = {last.Gamma}",
                [("matrix decoder → classical MDS → rest", matrixGenerated.EnergiesPerParticle),
                 ("configuration decoder → classical MDS → rest", configurationGenerated.EnergiesPerParticle),
                 ("Metropolis (held out)", metropolis)]).ToSvg()));
        metrics["generation"] = matrixMetrics;
        metrics["generation_configuration"] = configurationMetrics;
        metrics["metropolis_median_energy"] = FluidStudy.FiniteMedian(metropolis);
        return metrics;
    }

    /// <summary>Generation along the top latent PCA components of one model, stage by stage (<see cref="GenerationDiagnosis.Run"/>), as a table and its metrics.</summary>
    private static (JsonObject Metrics, GenerationReport Generated) Generation(FluidVaeModel model, string decoder, DistanceMatrixSet heldOut,
        MetropolisOptions physics, int generate, int seed, List<ReportTable> tables)
    {
        int components = Math.Min(10, model.Options.LatentSize);
        var stages = GenerationDiagnosis.Run(model, heldOut, components, generate, physics, seed: seed);
        tables.Add(new ReportTable($"Generation at γ = {physics.Gamma}, {decoder}: decode → Gram matrix / MDS → rest on the convex hull; valid = no pair closer than 0.8σ ({generate} generations along the top {components} latent PCA components, each scaled by its standard deviation; the earlier stages locate where validity is lost)",
            ["stage", "embedding", "valid", "median closest pair (σ)", "median MDS stress", "MSE to held out (σ²)", "median U'/N (ε)"],
            stages.Select(st => (IReadOnlyList<string>)[st.Name, st.Embedding == GenerationEmbedding.ClassicalMds ? "classical MDS" : "metric MDS (not the slides')",
                st.Report.ValidFraction.ToString("P1"), F(st.Report.MedianMinimumPairDistance, 3), F(st.Report.MedianMdsStress, 3),
                double.IsFinite(st.DistanceMse) ? F(st.DistanceMse) : "–", FluidStudy.FiniteMedian(st.Report.EnergiesPerParticle) is { } energy ? F(energy, 3) : "–"]).ToList()));
        var generated = stages.Single(st => st.Name == "generation" && st.Embedding == GenerationEmbedding.ClassicalMds).Report;
        var metrics = new JsonObject
        {
            ["decoder"] = model.Options.Decoder.ToString(), ["gamma"] = physics.Gamma, ["components"] = components, ["count"] = generate,
            ["valid_fraction"] = generated.ValidFraction, ["median_closest_pair"] = generated.MedianMinimumPairDistance,
            ["median_energy"] = FluidStudy.FiniteMedian(generated.EnergiesPerParticle),
            ["stages"] = new JsonArray(stages.Select(st => (JsonNode?)new JsonObject
            {
                ["stage"] = st.Name, ["embedding"] = st.Embedding.ToString(), ["valid_fraction"] = st.Report.ValidFraction,
                ["median_closest_pair"] = st.Report.MedianMinimumPairDistance, ["median_mds_stress"] = st.Report.MedianMdsStress,
            }).ToArray()),
        };
        return (metrics, generated);
    }

    /// <summary>The slides' trade-off: held-out reconstruction MSE against λ and against the latent size, one factor at a time
    /// around the base model's options (same training matrices, epochs and seed at every point).</summary>
    /// <param name="baseModel">The model at the base point, already trained.</param>
    /// <param name="split">Every γ's matrices: the grid trains on <see cref="Split.Train"/> and is scored on <see cref="Split.HeldOut"/>.</param>
    /// <param name="box">Box side L, σ.</param>
    /// <param name="lambdas">λ values of the grid (the base λ is the trained model).</param>
    /// <param name="latents">Latent sizes of the grid (the base size is the trained model).</param>
    /// <param name="figures">Receives the two figures.</param>
    /// <param name="tables">Receives the table.</param>
    /// <param name="cancellationToken">Checked between trainings.</param>
    /// <returns>The metrics.json entry.</returns>
    internal static JsonArray TradeOff(FluidVaeModel baseModel, Split split, double box, IReadOnlyList<double> lambdas,
        IReadOnlyList<int> latents, List<ReportFigure> figures, List<ReportTable> tables, CancellationToken cancellationToken)
    {
        var (_, train, heldOut, _, heldOutLabels) = split;
        var baseOptions = baseModel.Options;
        var points = FluidStudy.Grid(baseOptions, lambdas, latents, scalings: false).Select(g =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = g.Options == baseOptions ? baseModel : FluidVae.Train(train, box, g.Options, cancellationToken: cancellationToken);
            return (g.Factor, g.Options, Summary: FluidStudy.Summarise(model, heldOut, heldOutLabels, baseOptions.Seed));
        }).ToList();
        string description = $"{baseOptions.Epochs} epochs, {train.Count} training matrices";
        foreach (var (name, plot) in FluidStudy.TradeOff(points, description))
            figures.Add(new ReportFigure($"fluids-mse-vs-{name}", name == "lambda" ? "Reconstruction against the KL weight λ" : "Reconstruction against the latent size",
                $"Held-out reconstruction MSE of the convolutional VAE ({description}; latent {baseOptions.LatentSize} when λ varies, λ = {baseOptions.Lambda} when the latent size varies).",
                plot.ToSvg()));
        tables.Add(new ReportTable($"The slides' trade-off, one factor at a time around λ = {baseOptions.Lambda}, latent {baseOptions.LatentSize} ({description}; {heldOut.Count} held-out matrices)",
            ["λ", "latent size", "held-out MSE (σ²)", "active units", "first two PCs", "γ probe"],
            points.Select(p => (IReadOnlyList<string>)[F(p.Options.Lambda), p.Options.LatentSize.ToString(), F(p.Summary.HeldOutDistanceMse),
                p.Summary.ActiveUnits.ToString(), p.Summary.FirstTwoComponentsShare.ToString("P1"), p.Summary.ProbeAccuracy.ToString("P1")]).ToList()));
        return new JsonArray(points.Select(p => (JsonNode?)new JsonObject
        {
            ["factor"] = p.Factor, ["lambda"] = p.Options.Lambda, ["latent"] = p.Options.LatentSize, ["held_out_mse"] = p.Summary.HeldOutDistanceMse,
            ["active_units"] = p.Summary.ActiveUnits, ["first_two_share"] = p.Summary.FirstTwoComponentsShare, ["probe_accuracy"] = p.Summary.ProbeAccuracy,
        }).ToArray());
    }

    /// <summary>Σᵢ yᵢ of every configuration of the chosen part of every γ, as a one-column feature matrix [count, 1], σ.</summary>
    private static Matrix<double> HeightSums(IReadOnlyList<GammaSplit> splits, Func<GammaSplit, ConfigurationSet> part)
    {
        var sums = splits.SelectMany(s => Enumerable.Range(0, part(s).Count).Select(k => part(s).Configuration(k).Y.Sum())).ToArray();
        return Matrix<double>.Build.Dense(sums.Length, 1, sums);
    }
}
