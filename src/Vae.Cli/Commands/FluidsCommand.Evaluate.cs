using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Core.IO;
using Vae.Fluids.Analysis;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Potentials;
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
        var output = new Option<string>("--out") { Description = "Output directory (see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var holdout = new Option<int?>("--holdout") { Description = "Held-out configurations per γ; by default the model's own, from its training.json (given, it must agree). The first half of each γ's held-out matrices calibrates the scores, the second half is the normal class." };
        var components = new Option<int>("--components") { Description = "Top latent PCA components varied when generating (1 to the latent size).", DefaultValueFactory = _ => 10 };
        var generate = new Option<int>("--generate") { Description = "Configurations generated.", DefaultValueFactory = _ => 1000 };
        var samples = new Option<int>("--importance-samples") { Description = "Importance samples K of the likelihood score.", DefaultValueFactory = _ => AnomalyScoreOptions.Default.ImportanceSamples };
        var block = new Option<int>("--mask-block") { Description = "Side of the masked block of the missing-data experiment (1 to N).", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.MaskBlock };
        var seed = new Option<int>("--seed") { Description = "Seed of the probe split, masks, importance samples and generation.", DefaultValueFactory = _ => 0 };
        foreach (var o in new Option[] { modelDir, data, anomalies, output, force, holdout, components, generate, samples, block, seed }) c.Options.Add(o);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            int s = p.GetValue(seed);
            var model = FluidVaeModel.Load(p.GetValue(modelDir)!);
            int perGamma = TrainedHoldout(p.GetValue(modelDir)!, p.GetValue(data)!, p.GetValue(holdout));
            var split = ReadSplit(p.GetValue(data)!, perGamma, 0);
            var physics = DataPhysics(split);
            int gammas = split.Gammas.Count, half = perGamma / 2, particles = split.Train.Particles;
            OptionChecks.Require(p.GetValue(components) >= 1 && p.GetValue(components) <= model.Options.LatentSize, "--components", p.GetValue(components),
                $"must be in [1, the model's latent size {model.Options.LatentSize}].");
            OptionChecks.Require(p.GetValue(generate) >= 1, "--generate", p.GetValue(generate), "must be ≥ 1.");
            OptionChecks.Require(p.GetValue(block) >= 1 && p.GetValue(block) <= particles, "--mask-block", p.GetValue(block), $"must be in [1, N = {particles}].");
            var pairPotential = PairEnergyPotential(physics, split.Directory);
            var scoreOptions = AnomalyScoreOptions.Default with { ImportanceSamples = p.GetValue(samples), Seed = s, PairPotential = pairPotential.Potential };
            OptionChecks.Check(scoreOptions.Validate, new Dictionary<string, string> { ["ImportanceSamples"] = "--importance-samples" });
            var anomalyDir = p.GetValue(anomalies)!;
            var metaFile = Path.Combine(anomalyDir, "metadata.json");
            List<KeyValuePair<string, DistanceMatrixSet>> all;
            using (var meta = Output.Metadata.Parse(metaFile))
            {
                // The normal family calibrates the scores against the training data's model: both must be the same system.
                RequireSamePhysics(physics, Path.Combine(split.Directory, "metadata.json"), AnomalyNormalPhysics(meta.RootElement, metaFile), metaFile);
                all = Output.Metadata.Array(meta.RootElement, "families", metaFile)
                    .Select(f => KeyValuePair.Create(Output.Metadata.String(f, "family", metaFile),
                        FluidDataSet.ReadDistances(Output.Metadata.FileIn(anomalyDir, f, "distancesFile", metaFile))))
                    .ToList();
            }
            if (all.Count(f => f.Key == "normal") != 1)
                throw new InvalidDataException($"'{metaFile}': field 'families' must hold exactly one 'normal' family.");
            // The scorers are calibrated on half of each normal set and need latent size + 2 matrices (AnomalyScorer.Fit).
            int needed = model.Options.LatentSize + 2, normalCount = all.Single(f => f.Key == "normal").Value.Count;
            OptionChecks.Require(normalCount / 2 >= needed, "--anomalies", Path.GetFullPath(anomalyDir),
                $"its normal family has {normalCount} configurations; half of them calibrate the scores, and latent size {model.Options.LatentSize} + 2 = {needed} are needed.");
            OptionChecks.Require(gammas * half >= needed, "--model", Path.GetFullPath(p.GetValue(modelDir)!),
                $"holds out {perGamma} configurations per γ; half of them ({gammas} × {half}) calibrate the scores, and latent size {model.Options.LatentSize} + 2 = {needed} are needed.");
            // Everything is validated: the results are staged and moved into place at the end.
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            var outDir = staged.Path;
            var calibration = DistanceMatrixSet.Concatenate(Enumerable.Range(0, gammas).Select(g => split.HeldOut.Slice(g * perGamma, half)).ToList());
            var evaluation = DistanceMatrixSet.Concatenate(Enumerable.Range(0, gammas).Select(g => split.HeldOut.Slice(g * perGamma + half, perGamma - half)).ToList());
            var evaluationLabels = Enumerable.Range(0, gammas).SelectMany(g => Enumerable.Repeat(g, perGamma - half)).ToArray();

            // 1. Latent space by γ: PCA scatter, linear probe, active units (on all held-out codes).
            var summary = FluidStudy.Summarise(model, split.HeldOut, split.HeldOutLabels, s);
            var codes = model.LatentMeans(split.HeldOut);
            var pca = Pca.Fit(codes);
            var projected = pca.Transform(codes);
            AtomicFile.WriteAllText(Path.Combine(outDir, "latent_pca_by_gamma.svg"), FluidFigures.LatentPcaByGamma(codes, split.HeldOutLabels, split.Gammas).ToSvg());

            // 2. Anomaly scores. Primary: calibrated on the first half of the anomaly directory's normal family (same γ
            //    as the corrupted, masked, fake and uniform families, fresh seeds) and evaluated against its second half.
            //    Secondary: calibrated and evaluated on the halves of the held-out training-γ data (all γ mixed).
            var families = all.Where(f => f.Key != "normal").ToList();
            var familyNormal = all.Single(f => f.Key == "normal").Value;
            int familyHalf = familyNormal.Count / 2;
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
                    AtomicFile.WriteAllText(Path.Combine(outDir, $"traversal_pc{component + 1}_{steps[t].ToString("+0;-0;0", CultureInfo.InvariantCulture)}.svg"),
                        FluidStudy.TraversalHeatmap(decoded, t, steps[t], component).ToSvg());
            }

            // 5. Generation from the γ = last (largest) codes of the held-out data, checked against Metropolis at that γ.
            //    Stage by stage (real matrices, normalisation round trip, reconstructions, generations) through the same
            //    geometry, to show where validity is lost; the last stage is the generation experiment itself.
            int last = gammas - 1;
            physics = physics with { Gamma = split.Gammas[last] };
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
            AtomicFile.WriteAllText(Path.Combine(outDir, "generated_energy_histogram.svg"), FluidFigures.EnergyDensities(
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
                    pairEnergyScore = "|U_pair − m|/s, U_pair = Σ_{i<j} u(r_ij) from the distance matrix (ε); known physics, no learning",
                    pairPotential = pairPotential.Description,
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
            staged.Commit();
            Console.WriteLine($"wrote {staged.FinalPath}");
            return 0;
        });
        return c;
    }

    /// <summary>Held-out configurations per γ of the model in <paramref name="modelDirectory"/>, from the <c>training.json</c>
    /// that <c>vae fluids train</c> wrote: it names the data directory and the number of matrices held out. A
    /// <paramref name="dataDirectory"/> or <paramref name="holdout"/> that disagrees is refused: evaluating another split
    /// would score training configurations as held out.</summary>
    /// <exception cref="ArgumentException">--data is not the training data, --holdout differs, or fewer than 2 per γ are held out.</exception>
    /// <exception cref="InvalidDataException">training.json or the data's metadata.json is corrupt or inconsistent.</exception>
    private static int TrainedHoldout(string modelDirectory, string dataDirectory, int? holdout)
    {
        var file = Path.GetFullPath(Path.Combine(modelDirectory, "training.json"));
        string trainedOn;
        int heldOut;
        using (var training = Output.Metadata.Parse(file))
        {
            trainedOn = TrainingData(training.RootElement, file);
            heldOut = Output.Metadata.NonNegativeInteger(training.RootElement, "heldOutCount", file);
        }
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        if (data != trainedOn)
            throw new ArgumentException($"--data '{data}' is not the data the model was trained on ('{trainedOn}', from '{file}'); its held-out split would not be the model's.", "--data");
        var dataMeta = Path.Combine(data, "metadata.json");
        int gammas;
        using (var meta = Output.Metadata.Parse(dataMeta)) gammas = Output.Metadata.Array(meta.RootElement, "dataSets", dataMeta).Count();
        if (gammas == 0) throw new InvalidDataException($"'{dataMeta}': field 'dataSets' is empty; there is nothing to evaluate.");
        if (heldOut % gammas != 0)
            throw new InvalidDataException($"'{file}': field 'heldOutCount' is {heldOut}, not a multiple of the {gammas} data sets of '{data}'.");
        int perGamma = heldOut / gammas;
        if (holdout is { } given && given != perGamma)
            throw new ArgumentException($"--holdout {given}: the model was trained with --holdout {perGamma} ('{file}'); omit --holdout or give {perGamma}.", "--holdout");
        if (perGamma < 2)
            throw new ArgumentException($"--model '{Path.GetFullPath(modelDirectory)}' was trained with --holdout {perGamma}; evaluate needs at least 2 held-out configurations per γ (half calibrate, half evaluate).", "--model");
        return perGamma;
    }

    /// <summary>The data directory a model was trained on, as a full path: the field <c>data</c> of its training.json
    /// (<paramref name="root"/>, read from <paramref name="file"/>).</summary>
    /// <exception cref="InvalidDataException">The field is missing or not a non-empty string.</exception>
    private static string TrainingData(JsonElement root, string file) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(Output.Metadata.String(root, "data", file)));

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
