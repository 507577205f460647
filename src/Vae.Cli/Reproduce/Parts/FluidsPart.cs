using System.Diagnostics;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Cli.Reproduce.ReportFormat;

namespace Vae.Cli.Reproduce.Parts;

/// <summary>
/// The LCP-B fluid (third seed): Metropolis data sets for γ ∈ {0.1, 0.4, 0.7, 1.0}, energy against sweep,
/// distance-matrix reconstruction through the Gram matrix / classical MDS, and convex-hull resting.
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
        var baseOptions = MetropolisOptions.Default with { Seed = options.Seed };
        var metrics = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["particles"] = baseOptions.Particles, ["box"] = baseOptions.Box, ["temperature"] = baseOptions.Temperature,
                ["sweeps_per_sample"] = baseOptions.SweepsPerSample, ["scheme"] = baseOptions.Scheme.ToString(),
                ["count_per_gamma"] = count, ["seed"] = options.Seed, ["gammas"] = Array(Gammas),
            },
        };
        var tables = new List<ReportTable>();
        var figures = new List<ReportFigure>();

        // 1. Data sets, one per γ, written as .npy next to the report.
        var datasets = new JsonArray();
        var rows = new List<IReadOnlyList<string>>();
        var samplesByGamma = new Dictionary<double, MetropolisSamples>();
        for (int g = 0; g < Gammas.Length; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var o = baseOptions with { Gamma = Gammas[g], Seed = options.Seed + g };
            var clock = Stopwatch.StartNew();
            var samples = Metropolis.Sample(o, count, cancellationToken: cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            var files = FluidDataSet.Write(dataDirectory, $"gamma_{Gammas[g]:0.0}", samples);
            samplesByGamma[Gammas[g]] = samples;
            datasets.Add(new JsonObject
            {
                ["gamma"] = Gammas[g], ["seed"] = o.Seed, ["count"] = count, ["max_displacement"] = samples.MaxDisplacement,
                ["acceptance"] = samples.Acceptance, ["mean_energy_per_particle"] = samples.MeanEnergyPerParticle,
                ["proposals"] = samples.Proposals, ["seconds"] = Math.Round(seconds, 2),
                ["proposals_per_second"] = Math.Round(samples.Proposals / seconds),
            });
            rows.Add([F(Gammas[g], 2), count.ToString(), F(samples.MaxDisplacement), F(samples.Acceptance), F(samples.MeanEnergyPerParticle), F(samples.Proposals / seconds / 1e6, 3)]);
            progress.Report(0.6 * (g + 1) / Gammas.Length);
        }
        metrics["datasets"] = datasets;
        tables.Add(new ReportTable($"Metropolis data sets ({count} configurations per γ, {baseOptions.SweepsPerSample} sweeps from a random start each)",
            ["γ", "configurations", "δ (σ)", "acceptance", "energy per particle (ε)", "M proposals/s"], rows));

        figures.Add(new ReportFigure("fluids-configurations", "Sampled configurations",
            $"The first configuration of the γ = 0.1 and γ = 1.0 data sets (N = 30, L = 10 σ, T = 1 ε/k_B), each {baseOptions.SweepsPerSample} sweeps from a random start as in the slides. " +
            "At equilibrium γ = 1 packs the fluid to the floor; after 200 sweeps it has not got there yet (see the energy trace below and docs/fluids.md).",
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
        var trace = Metropolis.Trace(baseOptions with { Gamma = 1.0 }, traceSweeps);
        metrics["equilibration"] = new JsonObject
        {
            ["gamma"] = 1.0, ["sweeps"] = traceSweeps, ["energy_per_particle_at_200"] = trace.EnergyPerParticle[Math.Min(199, trace.EnergyPerParticle.Count - 1)],
            ["energy_per_particle_final"] = trace.EnergyPerParticle[^1], ["acceptance"] = trace.Acceptance,
        };
        figures.Add(new ReportFigure("fluids-energy-trace", "Energy against sweep",
            $"Energy per particle of one chain from a random start (γ = 1, T = 1, δ = {F(trace.MaxDisplacement, 3)} σ); the data sets stop at sweep {baseOptions.SweepsPerSample}.",
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

        // 5. Convolutional VAE on the distance matrices and the ROC AUC of its reconstruction MSE per anomaly family.
        var (anomalyMetrics, anomalyTable) = Anomalies(options, samplesByGamma, baseOptions, cancellationToken);
        metrics["anomalies"] = anomalyMetrics;
        tables.Add(anomalyTable);
        progress.Report(1.0);

        return new ReportSection(Id, "Fluid: Lennard-Jones + gravity (LCP-B slides)",
            $"N = {baseOptions.Particles} particles in a {baseOptions.Box} σ box with hard walls, Lennard-Jones pairs and gravity γ·y, T = {baseOptions.Temperature}; " +
            $"Metropolis with the slides' reset-per-sample scheme ({baseOptions.SweepsPerSample} sweeps per sample, δ tuned to 50 % acceptance), seeds {options.Seed}..{options.Seed + 3}. " +
            $"Data sets are in fluids/*.npy next to this page.",
            metrics, figures, tables);
    }

    private static (JsonObject Metrics, ReportTable Table) Anomalies(ReproduceOptions options, IReadOnlyDictionary<double, MetropolisSamples> samplesByGamma,
        MetropolisOptions baseOptions, CancellationToken cancellationToken)
    {
        int perGamma = options.Pick(50, 1000, 2500);
        var vaeOptions = FluidVaeOptions.Default with { Epochs = options.Pick(1, 15, 20), Seed = options.Seed };
        var train = DistanceMatrixSet.Concatenate(samplesByGamma.Values
            .Select(s => DistanceMatrixSet.FromConfigurations(s.Configurations).Slice(0, Math.Min(perGamma, s.Count))).ToList());
        var model = FluidVae.Train(train, baseOptions.Box, vaeOptions, cancellationToken: cancellationToken);

        var familyOptions = AnomalyFamilyOptions.Default with { Count = options.Pick(30, 300, 2000), Seed = options.Seed };
        var sampled = AnomalyFamilies.Sample(baseOptions with { Gamma = 1.0 }, familyOptions, cancellationToken: cancellationToken);
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
                ["family"] = f.Family, ["count"] = f.Count, ["mean_mse"] = f.MeanMse, ["roc_auc"] = f.RocAuc,
            }).ToArray()),
            ["latent_pca_first_two_share"] = report.FirstTwoComponentsShare,
        };
        var table = new ReportTable(
            $"Anomaly detection by reconstruction MSE of the convolutional VAE (latent {vaeOptions.LatentSize}, MSE + {vaeOptions.Lambda}·KL, {train.Count} training matrices, " +
            $"{vaeOptions.Epochs} epochs; {report.NormalCount} held-out normal γ = 1 matrices; first two latent PCA components hold {report.FirstTwoComponentsShare:P1} of the variance)",
            ["family", "configurations", "mean MSE", "ROC AUC"],
            [["normal (held out)", report.NormalCount.ToString(), F(report.NormalMeanMse), "–"],
             .. report.Families.Select(f => (IReadOnlyList<string>)[f.Family, f.Count.ToString(), F(f.MeanMse), F(f.RocAuc, 3)])]);
        return (metrics, table);
    }

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
