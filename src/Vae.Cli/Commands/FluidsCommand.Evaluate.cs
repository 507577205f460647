using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Core.IO;
using Vae.Core.Numerics;
using Vae.Fluids.Analysis;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;
using Vae.Plotting.Plots;
using Vae.Reproduce.Figures;
using Vae.Reproduce.Fluids;

namespace Vae.Cli.Commands;

// vae fluids evaluate: every experiment of the slides on one trained model (issue 14): anomaly scores per family,
// latent PCA by γ with a linear probe and active units, missing data, latent traversal, generation and its physics.
internal static partial class FluidsCommand
{
    private const int DefaultHoldout = 1000;

    private static Command EvaluateCommand()
    {
        var c = new Command("evaluate", "All experiments on a model from 'vae fluids train': AUC of four VAE anomaly scores and the Boltzmann pair-energy reference per family, latent PCA by γ, linear probe for γ, active units, missing data, latent traversal, generation → MDS → resting → validity and energies. Writes evaluation.json and SVG figures.");
        var modelDir = new Option<string>("--model") { Description = "Directory written by 'vae fluids train'.", Required = true };
        var data = new Option<string>("--data") { Description = "The 'vae fluids sample' directory the model was trained on.", Required = true };
        var anomalies = new Option<string>("--anomalies") { Description = "Directory written by 'vae fluids anomaly-data'.", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };
        var holdout = new Option<int>("--holdout") { Description = "The --holdout the model was trained with: the first half of each γ's held-out matrices calibrates the scores, the second half is the normal class.", DefaultValueFactory = _ => DefaultHoldout };
        var components = new Option<int>("--components") { Description = "Top latent PCA components varied when generating.", DefaultValueFactory = _ => 10 };
        var generate = new Option<int>("--generate") { Description = "Configurations generated.", DefaultValueFactory = _ => 1000 };
        var samples = new Option<int>("--importance-samples") { Description = "Importance samples K of the likelihood score.", DefaultValueFactory = _ => AnomalyScoreOptions.Default.ImportanceSamples };
        var block = new Option<int>("--mask-block") { Description = "Side of the masked block of the missing-data experiment.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.MaskBlock };
        var seed = new Option<int>("--seed") { Description = "Seed of the probe split, masks, importance samples and generation.", DefaultValueFactory = _ => 0 };
        foreach (var o in new Option[] { modelDir, data, anomalies, output, holdout, components, generate, samples, block, seed }) c.Options.Add(o);
        c.SetAction(p =>
        {
            VaeNumerics.UseBestAvailable();
            int s = p.GetValue(seed);
            var model = FluidVaeModel.Load(p.GetValue(modelDir)!);
            var split = ReadSplit(p.GetValue(data)!, p.GetValue(holdout), 0);
            var outDir = Directory.CreateDirectory(p.GetValue(output)!).FullName;
            int gammas = split.Gammas.Count, perGamma = split.HeldOut.Count / gammas, half = perGamma / 2;
            var calibration = DistanceMatrixSet.Concatenate(Enumerable.Range(0, gammas).Select(g => split.HeldOut.Slice(g * perGamma, half)).ToList());
            var evaluation = DistanceMatrixSet.Concatenate(Enumerable.Range(0, gammas).Select(g => split.HeldOut.Slice(g * perGamma + half, perGamma - half)).ToList());
            var evaluationLabels = Enumerable.Range(0, gammas).SelectMany(g => Enumerable.Repeat(g, perGamma - half)).ToArray();

            // 1. Latent space by γ: PCA scatter, linear probe, active units (on all held-out codes).
            var summary = FluidStudy.Summarise(model, split.HeldOut, split.HeldOutLabels, s);
            var codes = model.LatentMeans(split.HeldOut);
            var pca = Pca.Fit(codes);
            var projected = pca.Transform(codes);
            File.WriteAllText(Path.Combine(outDir, "latent_pca_by_gamma.svg"), FluidFigures.LatentPcaByGamma(codes, split.HeldOutLabels, split.Gammas).ToSvg());

            // 2. Anomaly scores. Primary: calibrated on the first half of the anomaly directory's normal family (same γ
            //    as the corrupted, masked, fake and uniform families, fresh seeds) and evaluated against its second half.
            //    Secondary: calibrated and evaluated on the halves of the held-out training-γ data (all γ mixed).
            var anomalyDir = p.GetValue(anomalies)!;
            var metaFile = Path.Combine(anomalyDir, "metadata.json");
            using var meta = Output.Metadata.Parse(metaFile);
            var all = Output.Metadata.Array(meta.RootElement, "families", metaFile)
                .Select(f => KeyValuePair.Create(Output.Metadata.String(f, "family", metaFile),
                    FluidDataSet.ReadDistances(Output.Metadata.FileIn(anomalyDir, f, "distancesFile", metaFile))))
                .ToList();
            if (all.Count(f => f.Key == "normal") != 1)
                throw new InvalidDataException($"'{metaFile}': field 'families' must hold exactly one 'normal' family.");
            var families = all.Where(f => f.Key != "normal").ToList();
            var familyNormal = all.Single(f => f.Key == "normal").Value;
            int familyHalf = familyNormal.Count / 2;
            var scoreOptions = AnomalyScoreOptions.Default with { ImportanceSamples = p.GetValue(samples), Seed = s };
            var scorer = AnomalyScorer.Fit(model, familyNormal.Slice(0, familyHalf), scoreOptions);
            var report = AnomalyEvaluation.Evaluate(scorer, familyNormal.Slice(familyHalf, familyNormal.Count - familyHalf), families);
            var mixedScorer = AnomalyScorer.Fit(model, calibration, scoreOptions);
            var mixed = AnomalyEvaluation.Evaluate(mixedScorer, evaluation, families);
            foreach (var (f, m) in report.Families.Zip(mixed.Families))
                Console.WriteLine($"  {f.Family,-16} AUC vs same-γ normal: MSE {f.RocAuc:F3}  two-sided {f.TwoSidedRocAuc:F3}  Mahalanobis {f.MahalanobisRocAuc:F3}  −log p̂ {f.LikelihoodRocAuc:F3}  pair energy (physics, no learning) {f.PairEnergyRocAuc:F3}" +
                    $" | vs all-γ held-out: {m.RocAuc:F3} {m.TwoSidedRocAuc:F3} {m.MahalanobisRocAuc:F3} {m.LikelihoodRocAuc:F3} {m.PairEnergyRocAuc:F3}");

            // 3. Missing data on the evaluation half: VAE imputation vs mean imputation vs unmasked reconstruction.
            var masked = AnomalyData.Mask(evaluation, p.GetValue(block), s);
            var missing = MissingData.Evaluate(model, evaluation, masked, split.Train);

            // 4. Latent traversal along the top three PCA directions of the held-out codes (t = −2 … 2 standard deviations).
            var steps = new[] { -2.0, -1.0, 0.0, 1.0, 2.0 };
            var traversal = new List<object>();
            for (int component = 0; component < Math.Min(3, pca.ComponentCount); component++)
            {
                var decoded = FluidStudy.Traverse(model, pca, component, steps);
                traversal.Add(new { component, steps, meanDistance = Enumerable.Range(0, steps.Length).Select(t => decoded.Matrix(t).Enumerate().Average()).ToArray() });
                for (int t = 0; t < steps.Length; t += 2)
                    File.WriteAllText(Path.Combine(outDir, $"traversal_pc{component + 1}_{steps[t].ToString("+0;-0;0", CultureInfo.InvariantCulture)}.svg"),
                        FluidStudy.TraversalHeatmap(decoded, t, steps[t], component).ToSvg());
            }

            // 5. Generation from the γ = last (largest) codes of the held-out data, checked against Metropolis at that γ.
            //    Stage by stage (real matrices, normalisation round trip, reconstructions, generations) through the same
            //    geometry, to show where validity is lost; the last stage is the generation experiment itself.
            int last = gammas - 1;
            var physics = MetropolisOptions.Default with { Gamma = split.Gammas[last], Particles = split.Train.Particles };
            var stages = GenerationDiagnosis.Run(model, split.HeldOut.Slice(last * perGamma, perGamma), p.GetValue(components), p.GetValue(generate), physics, seed: s);
            // The error scaling blends the model's matrices with the data entry by entry: only for the matrix decoder, whose order is the data's.
            var scaling = model.Options.Decoder == FluidDecoder.DistanceMatrix
                ? GenerationDiagnosis.ErrorScaling(model, split.HeldOut.Slice(last * perGamma, perGamma), [0.05, 0.1, 0.15, 0.2, 0.3, 0.5], physics)
                : [];
            var generated = stages.Single(st => st.Name == "generation" && st.Embedding == GenerationEmbedding.ClassicalMds).Report;
            var generatedMetric = stages.Single(st => st.Name == "generation" && st.Embedding == GenerationEmbedding.MetricMds).Report;
            foreach (var stage in stages.Concat(scaling))
                Console.WriteLine($"  generation stage {stage.Name,-40} {(stage.Embedding == GenerationEmbedding.ClassicalMds ? "classical MDS" : "metric MDS"),-13} valid {stage.Report.ValidFraction,7:P1}  median closest pair {stage.Report.MedianMinimumPairDistance:F3} σ" +
                    $" (in the matrix {stage.Report.MedianMatrixMinimumDistance:F3} σ)  median MDS stress {stage.Report.MedianMdsStress:F4}  MSE to held out {(double.IsFinite(stage.DistanceMse) ? $"{stage.DistanceMse:G4} σ²" : "–")}");
            var metropolisEnergies = MetropolisEnergies(split, last, physics);
            File.WriteAllText(Path.Combine(outDir, "generated_energy_histogram.svg"), FluidFigures.EnergyDensities(
                $"U'/N of generated (valid: {generated.ValidFraction:P0}) and Metropolis configurations, γ = {split.Gammas[last]}",
                [("generated (VAE → classical MDS → rest)", generated.EnergiesPerParticle),
                 ("generated, metric MDS (not the slides')", generatedMetric.EnergiesPerParticle),
                 ("Metropolis (held out)", metropolisEnergies)]).ToSvg());

            var result = new
            {
                model = Path.GetFullPath(p.GetValue(modelDir)!), data = split.Directory, anomalyData = Path.GetFullPath(anomalyDir),
                options = new { scaling = model.Options.InputScaling.ToString(), model.Options.Lambda, model.Options.LatentSize, model.Options.Epochs },
                latent = new { summary.ActiveUnits, activeUnitEpsilon = FluidStudy.ActiveUnitsEpsilon, summary.FirstTwoComponentsShare, probeTestAccuracy = summary.ProbeAccuracy, summary.HeldOutMse, summary.HeldOutDistanceMse, varianceRatios = summary.VarianceRatios },
                anomalies = new
                {
                    sameGammaNormal = new { calibrationCount = familyHalf, normalCount = report.NormalCount, report.NormalMeanMse, families = report.Families, scorer.LogMseMean, scorer.LogMseStdDev, scorer.PairEnergyMean, scorer.PairEnergyStdDev },
                    allGammaHeldOut = new { calibrationCount = calibration.Count, normalCount = mixed.NormalCount, mixed.NormalMeanMse, families = mixed.Families, mixedScorer.LogMseMean, mixedScorer.LogMseStdDev, mixedScorer.PairEnergyMean, mixedScorer.PairEnergyStdDev },
                    pairEnergyScore = "|U_pair − m|/s, U_pair = Σ_{i<j} 4(r⁻¹² − r⁻⁶) from the distance matrix (ε); known physics, no learning",
                    importanceSamples = p.GetValue(samples),
                },
                missingData = new
                {
                    missing.Matrices, missing.MaskedEntries, missing.MeanImputationMse, missing.ZeroFilledReconstructionMse, missing.OneShotImputationMse, missing.OneShotRatioToMeanImputation,
                    missing.VaeImputationMse, missing.RatioToMeanImputation, missing.UnmaskedReconstructionMse, unmaskedRatioToMeanImputation = missing.UnmaskedReconstructionMse / missing.MeanImputationMse,
                    missing.Iterations, maxIterations = MissingDataOptions.Default.Iterations, tolerance = MissingDataOptions.Default.Tolerance,
                    missing.MsePerIteration, missing.ChangePerIteration, block = p.GetValue(block),
                    missing.GeometricImputationMse, missing.GeometricRatioToMeanImputation, missing.GeometricUnfittedMatrices,
                    missing.ProjectedImputationMse, missing.ProjectedRatioToMeanImputation, missing.ProjectedIterations, missing.ProjectedMsePerIteration, missing.ProjectedUnfittedMatrices,
                    unfittedResidual = MissingData.UnfittedResidual, projectionIterations = MissingDataOptions.Default.ProjectionIterations, projectionTolerance = MissingDataOptions.Default.ProjectionTolerance,
                },
                traversal,
                generation = new
                {
                    gamma = split.Gammas[last], generated.Components, count = generated.MinimumPairDistances.Count, generated.Threshold, generated.ValidFraction,
                    meanEnergyPerParticle = generated.EnergiesPerParticle.Any(double.IsFinite) ? generated.EnergiesPerParticle.Where(double.IsFinite).Average() : (double?)null,
                    finiteEnergies = generated.EnergiesPerParticle.Count(double.IsFinite),
                    medianEnergyPerParticle = FluidStudy.FiniteMedian(generated.EnergiesPerParticle), metropolisMeanEnergyPerParticle = metropolisEnergies.Average(), metropolisMedianEnergyPerParticle = FluidStudy.FiniteMedian(metropolisEnergies),
                    medianMinimumPairDistance = FluidStudy.FiniteMedian(generated.MinimumPairDistances),
                    stages = stages.Concat(scaling).Select(st => new
                    {
                        stage = st.Name, embedding = st.Embedding == GenerationEmbedding.ClassicalMds ? "classical MDS" : "metric MDS (SMACOF)", st.Description, count = st.Report.MinimumPairDistances.Count, st.Report.ValidFraction,
                        medianMinimumPairDistance = st.Report.MedianMinimumPairDistance, medianMatrixMinimumDistance = st.Report.MedianMatrixMinimumDistance,
                        medianMdsStress = st.Report.MedianMdsStress, distanceMse = double.IsFinite(st.DistanceMse) ? st.DistanceMse : (double?)null,
                        medianEnergyPerParticle = FluidStudy.FiniteMedian(st.Report.EnergiesPerParticle),
                    }).ToArray(),
                },
            };
            AtomicFile.WriteAllText(Path.Combine(outDir, "evaluation.json"), JsonSerializer.Serialize(result, Json));
            Console.WriteLine($"latent: {summary.ActiveUnits} active units, first two PCs {summary.FirstTwoComponentsShare:P1}, γ probe {summary.ProbeAccuracy:F3}");
            Console.WriteLine($"missing data (masked-entry MSE, σ²): mean imputation {missing.MeanImputationMse:F4}; 0-filled one pass {missing.ZeroFilledReconstructionMse:F4};" +
                $" one-shot {missing.OneShotImputationMse:F4} (ratio {missing.OneShotRatioToMeanImputation:F3}); iterated, {missing.Iterations} passes, {missing.VaeImputationMse:F4} (ratio {missing.RatioToMeanImputation:F3});" +
                $" unmasked reconstruction {missing.UnmaskedReconstructionMse:F4} (ratio {missing.UnmaskedReconstructionMse / missing.MeanImputationMse:F3})");
            Console.WriteLine($"missing data with the planar distance-matrix projection: geometry alone from the mean {missing.GeometricImputationMse:G4} (ratio {missing.GeometricRatioToMeanImputation:G3}, {missing.GeometricUnfittedMatrices} matrices not fitted);" +
                $" VAE + projection, {missing.ProjectedIterations} passes, {missing.ProjectedImputationMse:G4} (ratio {missing.ProjectedRatioToMeanImputation:G3}, {missing.ProjectedUnfittedMatrices} not fitted)");
            Console.WriteLine($"generation: {generated.ValidFraction:P1} valid (no pair < {generated.Threshold} σ), median U'/N {FluidStudy.FiniteMedian(generated.EnergiesPerParticle):F3} vs Metropolis {FluidStudy.FiniteMedian(metropolisEnergies):F3}");
            Console.WriteLine($"generation through metric MDS (SMACOF; not the slides' pipeline): {generatedMetric.ValidFraction:P1} valid, median U'/N {FluidStudy.FiniteMedian(generatedMetric.EnergiesPerParticle):F3}");
            Console.WriteLine($"wrote {outDir}");
            return 0;
        });
        return c;
    }

    /// <summary>U'/N of the held-out Metropolis configurations of data set <paramref name="index"/> (its coordinates file).</summary>
    private static double[] MetropolisEnergies(FluidSplit split, int index, MetropolisOptions physics)
    {
        var metaFile = Path.Combine(split.Directory, "metadata.json");
        using var meta = Output.Metadata.Parse(metaFile);
        var set = Output.Metadata.Array(meta.RootElement, "dataSets", metaFile).ElementAt(index);
        var array = Npy.Read(Output.Metadata.FileIn(split.Directory, set, "coordinatesFile", metaFile));
        int count = array.Shape[0], n = array.Shape[1], heldOut = split.HeldOut.Count / split.Gammas.Count;
        var configurations = ConfigurationSet.FromCoordinates(array.ToDoubleArray(), count, n, split.Box);
        return Enumerable.Range(count - heldOut, heldOut).Select(k => FluidEnergy.PerParticle(configurations.Configuration(k), physics with { Box = split.Box })).ToArray();
    }

}
