using System.Diagnostics;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Analysis;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The LCP-B fluid (third seed): Metropolis data sets for γ ∈ {0.1, 0.4, 0.7, 1.0}, energy against sweep,
/// distance-matrix reconstruction through the Gram matrix / classical MDS, convex-hull resting, and the convolutional VAE:
/// anomaly scores and the slides' experiments (<see cref="FluidExperiments"/>).
/// </summary>
internal sealed class FluidsPart : IReportPart
{
    private static readonly double[] Gammas = [0.1, 0.4, 0.7, 1.0];

    public string Id => "fluids";

    public string Label => "Fluids: Metropolis data, Gram reconstruction, resting";

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        int count = options.Pick(200, 1000, 10_000);
        var dataDirectory = Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "fluids")).FullName;
        // Data sets are equilibrated (chained, ⌈2 τ_int⌉ sweeps between samples from reference chains); the slides'
        // 200-sweep reset scheme is drawn beside them so the report shows both (docs/fluids.md §4).
        var baseOptions = MetropolisOptions.Equilibrated with { Seed = options.Seed, Chains = options.Pick(4, 16, 16) };
        var slidesOptions = MetropolisOptions.Slides with { Seed = options.Seed };
        var evidenceSettings = EquilibratedSamplingOptions.Default with
        {
            ReferenceBurnInSweeps = options.Pick(2000, 5000, 20_000), ReferenceSweeps = options.Pick(2000, 20_000, 50_000),
        };
        var metrics = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["particles"] = baseOptions.Particles, ["box"] = baseOptions.Box, ["temperature"] = baseOptions.Temperature,
                ["scheme"] = "equilibrated (chained, decorrelation ⌈2 τ_int⌉)", ["chains"] = baseOptions.Chains,
                ["reference_chains"] = evidenceSettings.ReferenceChains, ["reference_burn_in_sweeps"] = evidenceSettings.ReferenceBurnInSweeps,
                ["reference_sweeps"] = evidenceSettings.ReferenceSweeps, ["slides_sweeps_per_sample"] = slidesOptions.SweepsPerSample,
                ["count_per_gamma"] = count, ["seed"] = options.Seed, ["gammas"] = Array(Gammas),
            },
        };
        var tables = new List<ReportTable>();
        var figures = new List<ReportFigure>();

        // 1. Data sets, one per γ, written as .npy next to the report, with their equilibration evidence.
        var datasets = new JsonArray();
        var rows = new List<IReadOnlyList<string>>();
        var samplesByGamma = new Dictionary<double, MetropolisSamples>();
        for (int g = 0; g < Gammas.Length; g++)
        {
            foreach (var (scheme, schemeOptions) in new[] { ("equilibrated", baseOptions), ("slides", slidesOptions) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var o = schemeOptions with { Gamma = Gammas[g], Seed = options.Seed + g };
                var clock = Stopwatch.StartNew();
                var drawn = EquilibratedSampling.Sample(o, count, evidenceSettings, cancellationToken: cancellationToken);
                double seconds = clock.Elapsed.TotalSeconds;
                var (samples, e) = (drawn.Samples, drawn.Evidence);
                if (scheme == "equilibrated")
                {
                    FluidDataSet.Write(dataDirectory, $"gamma_{Gammas[g]:0.0}", samples);
                    samplesByGamma[Gammas[g]] = samples;
                }
                datasets.Add(new JsonObject
                {
                    ["gamma"] = Gammas[g], ["scheme"] = scheme, ["seed"] = o.Seed, ["count"] = count, ["max_displacement"] = samples.MaxDisplacement,
                    ["acceptance"] = samples.Acceptance, ["sweeps_between_samples"] = e.SweepsBetweenSamples,
                    ["energy_per_particle"] = e.SampleEnergyPerParticle, ["energy_standard_error"] = e.SampleStandardError,
                    ["reference_energy_per_particle"] = e.ReferenceEnergyPerParticle, ["reference_standard_error"] = e.ReferenceStandardError,
                    ["integrated_time_sweeps"] = e.IntegratedTime, ["equilibrated"] = e.Equilibrated,
                    ["proposals"] = samples.Proposals, ["seconds"] = Math.Round(seconds, 2),
                });
                rows.Add([F(Gammas[g], 2), scheme, F(samples.MaxDisplacement), F(samples.Acceptance), e.SweepsBetweenSamples.ToString(),
                    $"{F(e.SampleEnergyPerParticle)} ± {F(e.SampleStandardError)}", $"{F(e.ReferenceEnergyPerParticle)} ± {F(e.ReferenceStandardError)}",
                    F(e.IntegratedTime, 0), e.Equilibrated ? "yes" : "no"]);
            }
            progress.Report(0.6 * (g + 1) / Gammas.Length);
        }
        metrics["datasets"] = datasets;
        tables.Add(new ReportTable($"Metropolis data sets ({count} configurations per γ): equilibrated (chained, ⌈2 τ_int⌉ sweeps between samples) against the slides' scheme ({slidesOptions.SweepsPerSample} sweeps from a random start); energies per particle against long reference chains",
            ["γ", "scheme", "δ (σ)", "acceptance", "sweeps between samples", "U'/N (ε)", "reference U'/N (ε)", "τ_int (sweeps)", "equilibrated"], rows));

        figures.Add(new ReportFigure("fluids-configurations", "Sampled configurations",
            "The first configuration of the equilibrated γ = 0.1 and γ = 1.0 data sets (N = 30, L = 10 σ, T = 1 ε/k_B). " +
            "At equilibrium γ = 1 packs the fluid to the floor; the slides' 200 sweeps from a random start do not get there (see the table, the energy trace below and docs/fluids.md).",
            new ScatterPlot
            {
                Title = "Configurations at γ = 0.1 and γ = 1.0",
                X = [.. samplesByGamma[0.1].Configuration(0).X, .. samplesByGamma[1.0].Configuration(0).X],
                Y = [.. samplesByGamma[0.1].Configuration(0).Y, .. samplesByGamma[1.0].Configuration(0).Y],
                Classes = [.. Enumerable.Repeat(0, baseOptions.Particles), .. Enumerable.Repeat(1, baseOptions.Particles)],
                ClassNames = ["γ = 0.1", "γ = 1.0"],
                XAxis = Axis.Default with { Label = "x (σ)", Range = AxisRange.Fixed(0, baseOptions.Box) },
                YAxis = Axis.Default with { Label = "y (σ)", Range = AxisRange.Fixed(0, baseOptions.Box) },
                MarkerRadius = 4,
            }.ToSvg()));

        var first = DistanceMatrix.Sorted(samplesByGamma[1.0].Configuration(0));
        var distances = DistanceMatrix.Compute(first);
        figures.Add(new ReportFigure("fluids-distance-matrix", "Distance matrix (γ = 1.0)",
            "Pairwise distances of the first γ = 1.0 configuration, particles in the data sets' canonical order (docs/fluids.md).",
            (Heatmap.FromArray(distances.ToArray()) with { Title = "Distance matrix, γ = 1.0", ColorBarLabel = "r (σ)", XLabel = "particle", YLabel = "particle" }).ToSvg()));

        // 2. Energy against sweep from a random start: is 200 sweeps per sample enough?
        int traceSweeps = options.Pick(300, 600, 3000);
        var trace = Metropolis.Trace(slidesOptions with { Gamma = 1.0 }, traceSweeps);
        metrics["equilibration"] = new JsonObject
        {
            ["gamma"] = 1.0, ["sweeps"] = traceSweeps, ["energy_per_particle_at_200"] = trace.EnergyPerParticle[Math.Min(199, trace.EnergyPerParticle.Count - 1)],
            ["energy_per_particle_final"] = trace.EnergyPerParticle[^1], ["acceptance"] = trace.Acceptance,
        };
        figures.Add(new ReportFigure("fluids-energy-trace", "Energy against sweep",
            $"Energy per particle of one chain from a random start (γ = 1, T = 1, δ = {F(trace.MaxDisplacement, 3)} σ); the slides' data sets stop at sweep {slidesOptions.SweepsPerSample}.",
            new LinePlot
            {
                Title = "Energy per particle against sweep (γ = 1)",
                Series = [LineSeries.FromValues("U/N", trace.EnergyPerParticle)],
                XAxis = Axis.Default with { Label = "sweep" },
                YAxis = Axis.Default with { Label = "energy per particle (ε)" },
            }.ToSvg()));
        progress.Report(0.75);

        // 3. Reconstruction from the distance matrix: the slides' Gram formula and classical MDS.
        var truth = Coordinates(first);
        var viaFirst = ClassicalMds.Embed(distances, 2, GramConvention.FirstParticle);
        var viaCentred = ClassicalMds.Embed(distances, 2, GramConvention.DoubleCentred);
        var alignFirst = Procrustes.Align(viaFirst.Coordinates, truth);
        var alignCentred = Procrustes.Align(viaCentred.Coordinates, truth);
        var noisy = Noisy(distances, 0.02, options.Seed);
        var viaNoisy = ClassicalMds.Embed(noisy, 2, GramConvention.DoubleCentred, tolerance: 1.0);
        var alignNoisy = Procrustes.Align(viaNoisy.Coordinates, truth);
        metrics["reconstruction"] = new JsonObject
        {
            ["gram_first_particle_rmsd"] = alignFirst.Rmsd, ["classical_mds_rmsd"] = alignCentred.Rmsd,
            ["noisy_relative_noise"] = 0.02, ["noisy_rmsd"] = alignNoisy.Rmsd, ["noisy_stress"] = viaNoisy.Stress,
            ["noisy_discarded_energy"] = viaNoisy.DiscardedEnergy, ["noisy_clipped_eigenvalues"] = viaNoisy.ClippedEigenvalues,
        };
        tables.Add(new ReportTable("Reconstruction of the first γ = 1.0 configuration from its distance matrix (RMSD after Procrustes alignment, σ)",
            ["method", "RMSD (σ)", "stress"],
            [
                ["Gram matrix, first particle at the origin (slides)", F(alignFirst.Rmsd, 3), F(viaFirst.Stress, 3)],
                ["classical MDS (double centring)", F(alignCentred.Rmsd, 3), F(viaCentred.Stress, 3)],
                ["classical MDS, distances with 2 % noise", F(alignNoisy.Rmsd, 3), F(viaNoisy.Stress, 3)],
            ]));

        // 4. Resting the reconstructed polygon on its convex hull side closest to the centre of mass.
        var reconstructed = Points(viaNoisy.Coordinates);
        var rested = Resting.Rest(reconstructed);
        var restedTruth = Resting.Rest(Points(truth));
        metrics["resting"] = new JsonObject
        {
            ["centre_of_mass_height"] = rested.CentreOfMassHeight, ["reflected"] = rested.Reflected,
            ["true_polygon_centre_of_mass_height"] = restedTruth.CentreOfMassHeight,
        };
        figures.Add(new ReportFigure("fluids-resting", "Reconstruction and resting",
            "The true configuration rested on its hull, and the reconstruction from 2 %-noisy distances rested the same way (hull side closest to the centre of mass on y = 0, reflection rule of docs/fluids.md).",
            new ScatterPlot
            {
                Title = "Rested polygons: truth and reconstruction",
                X = [.. restedTruth.Points.Select(p => p.X), .. rested.Points.Select(p => p.X)],
                Y = [.. restedTruth.Points.Select(p => p.Y), .. rested.Points.Select(p => p.Y)],
                Classes = [.. Enumerable.Repeat(0, restedTruth.Points.Count), .. Enumerable.Repeat(1, rested.Points.Count)],
                ClassNames = ["true configuration", "reconstructed (2 % noise)"],
                XAxis = Axis.Default with { Label = "x (σ)" },
                YAxis = Axis.Default with { Label = "y (σ)" },
                MarkerRadius = 4,
            }.ToSvg()));
        progress.Report(0.8);

        // 5. Convolutional VAE on the distance matrices: the first configurations of every γ train it, the last are held out.
        int heldOut = options.Pick(100, 200, 1000), perGamma = Math.Min(options.Pick(50, 1000, 2500), count - heldOut);
        var split = FluidExperiments.Split.Of(Gammas.Select(g => new FluidExperiments.GammaSplit(g, samplesByGamma[g].Configurations.Slice(0, perGamma),
            samplesByGamma[g].Configurations.Slice(count - heldOut, heldOut))).ToList());
        var vaeOptions = FluidVaeOptions.Default with { Epochs = options.Pick(1, 15, 20), Seed = options.Seed };
        var model = FluidVae.Train(split.Train, baseOptions.Box, vaeOptions, cancellationToken: cancellationToken);
        var configurationModel = FluidVae.Train(split.Train, baseOptions.Box, vaeOptions with { Decoder = FluidDecoder.Configuration }, cancellationToken: cancellationToken);
        progress.Report(0.85);

        // 6. Anomaly scores per family; 7. latent space by γ, missing data and generation (the slides' experiments).
        var (anomalyMetrics, anomalyTable) = Anomalies(model, split.Train, options, baseOptions, evidenceSettings, cancellationToken);
        metrics["anomalies"] = anomalyMetrics;
        tables.Add(anomalyTable);
        progress.Report(0.9);
        metrics["experiments"] = FluidExperiments.Run(model, configurationModel, split, baseOptions, options.Pick(100, 300, 1000), options.Seed, figures, tables);
        progress.Report(0.95);
        metrics["trade_off"] = FluidExperiments.TradeOff(model, split, baseOptions.Box, options.Pick<double[]>([1e-2], [1e-2, 1], [1e-3, 1e-2, 1e-1, 1]),
            options.Pick<int[]>([4], [4, 16], [4, 8, 16, 64]), figures, tables, cancellationToken);
        progress.Report(1.0);

        return new ReportSection(Id, "Fluid: Lennard-Jones + gravity (LCP-B slides)",
            $"N = {baseOptions.Particles} particles in a {baseOptions.Box} σ box with hard walls, Lennard-Jones pairs and gravity γ·y, T = {baseOptions.Temperature}; " +
            $"Metropolis, equilibrated data (chained, ⌈2 τ_int⌉ sweeps between samples, τ_int of U'/N from {evidenceSettings.ReferenceChains} reference chains; δ tuned to 50 % acceptance) beside the slides' reset-per-sample scheme ({slidesOptions.SweepsPerSample} sweeps per sample), seeds {options.Seed}..{options.Seed + 3}. " +
            $"Data sets are in fluids/*.npy next to this page. A convolutional VAE trained on the first {perGamma} matrices of each γ ({vaeOptions.Epochs} epochs) is evaluated on the last {heldOut}: " +
            "anomaly scores per family (each family is seen best by the score named in the table), the latent space by γ with its linear probe beside the Bayes limit of one configuration, " +
            "missing data, and generation with its physical check, from the slides' matrix decoder and from a permutation-invariant configuration decoder trained on the same matrices (docs/fluids.md §9 has the acceptance-scale numbers).",
            metrics, figures, tables);
    }

    private static (JsonObject Metrics, ReportTable Table) Anomalies(FluidVaeModel model, DistanceMatrixSet train, ReproduceOptions options,
        MetropolisOptions baseOptions, EquilibratedSamplingOptions evidence, CancellationToken cancellationToken)
    {
        var vaeOptions = model.Options;

        var familyOptions = AnomalyFamilyOptions.Default with { Count = options.Pick(30, 300, 2000), Seed = options.Seed };
        var sampled = AnomalyFamilies.Sample(baseOptions with { Gamma = 1.0 }, familyOptions, evidence, cancellationToken);
        var normal = DistanceMatrixSet.FromConfigurations(sampled[0].Configurations);
        var families = sampled.Skip(1).Select(f => KeyValuePair.Create(f.Name, DistanceMatrixSet.FromConfigurations(f.Configurations))).ToList();
        families.Add(KeyValuePair.Create("masked", AnomalyFamilies.Masked(normal, familyOptions).Matrices));
        var report = AnomalyEvaluation.Evaluate(AnomalyScorer.Fit(model, train), normal, families);
        var metrics = new JsonObject
        {
            ["training_matrices"] = train.Count, ["epochs"] = vaeOptions.Epochs, ["latent"] = vaeOptions.LatentSize, ["lambda"] = vaeOptions.Lambda,
            ["seed"] = vaeOptions.Seed, ["family_size"] = familyOptions.Count, ["normal_gamma"] = 1.0, ["normal_mean_mse"] = report.NormalMeanMse,
            ["families"] = new JsonArray(report.Families.Select(f => (JsonNode?)new JsonObject
            {
                ["family"] = f.Family, ["count"] = f.Count, ["mean_mse"] = f.MeanMse, ["roc_auc"] = f.RocAuc, ["two_sided_roc_auc"] = f.TwoSidedRocAuc,
                ["mahalanobis_roc_auc"] = f.MahalanobisRocAuc, ["likelihood_roc_auc"] = f.LikelihoodRocAuc,
                ["pair_energy_roc_auc"] = f.PairEnergyRocAuc,
            }).ToArray()),
            ["latent_pca_first_two_share"] = report.FirstTwoComponentsShare,
        };
        var table = new ReportTable(
            $"Anomaly detection with the convolutional VAE (latent {vaeOptions.LatentSize}, MSE + {vaeOptions.Lambda}·KL, {vaeOptions.InputScaling} inputs, {train.Count} training matrices, " +
            $"{vaeOptions.Epochs} epochs; {report.NormalCount} held-out normal γ = 1 matrices; first two latent PCA components hold {report.FirstTwoComponentsShare:P1} of the variance)",
            ["family", "configurations", "mean MSE", "AUC: MSE", "AUC: two-sided MSE", "AUC: latent Mahalanobis", "AUC: −log p̂", "best VAE score", "AUC: pair energy (physics, no learning)"],
            [["normal (held out)", report.NormalCount.ToString(), F(report.NormalMeanMse), "–", "–", "–", "–", "–", "–"],
             .. report.Families.Select(f => (IReadOnlyList<string>)[f.Family, f.Count.ToString(), F(f.MeanMse), F(f.RocAuc, 3), F(f.TwoSidedRocAuc, 3), F(f.MahalanobisRocAuc, 3), F(f.LikelihoodRocAuc, 3), Best(f), F(f.PairEnergyRocAuc, 3)])]);
        return (metrics, table);
    }

    /// <summary>The VAE score with the largest AUC for a family (the pair energy, known physics, has its own column). Why each wins where it does: docs/fluids.md §9 (a compact fluid is
    /// reconstructed better than normal, so only the two-sided score sees it; uniform configurations reconstruct well but
    /// their codes lie far from the normal codes, so the latent density sees them).</summary>
    private static string Best(AnomalyFamilyScore f) =>
        new[] { ("MSE", f.RocAuc), ("two-sided MSE", f.TwoSidedRocAuc), ("latent Mahalanobis", f.MahalanobisRocAuc), ("−log p̂", f.LikelihoodRocAuc) }
            .MaxBy(s => s.Item2).Item1;

    private static Matrix<double> Coordinates(ParticleConfiguration c) =>
        Matrix<double>.Build.Dense(c.Count, 2, (i, j) => j == 0 ? c.X[i] : c.Y[i]);

    private static IReadOnlyList<Point2> Points(Matrix<double> xy) =>
        Enumerable.Range(0, xy.RowCount).Select(i => new Point2(xy[i, 0], xy[i, 1])).ToList();

    /// <summary>Symmetric multiplicative noise d_ij·(1 + s·ξ_ij), ξ ~ N(0, 1), zero diagonal.</summary>
    private static Matrix<double> Noisy(Matrix<double> d, double relative, int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(seed));
        var noisy = d.Clone();
        for (int i = 0; i < d.RowCount; i++)
        for (int j = i + 1; j < d.ColumnCount; j++)
            noisy[i, j] = noisy[j, i] = Math.Max(0, d[i, j] * (1 + relative * normal.Sample()));
        return noisy;
    }
}
