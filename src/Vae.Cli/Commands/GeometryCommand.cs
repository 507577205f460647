using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Numerics;
using Vae.InfoGeometry.Decomposition;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Interpolation;
using Vae.InfoGeometry.Probes;
using Vae.Plotting;
using Vae.Plotting.Plots;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae geometry analyse --model DIR/model.safetensors [--dataset mnist] [--data-dir D] [--epsilon 0.01] [--pair I,J]
/// [--steps 10] [--profile-steps 51] [--seed S] [--data-seed S] --out DIR2</c>: the latent-geometry analysis of Peşte, Malagò &amp; Sârbu on a trained VAE.
/// Writes <c>DIR2/geometry.json</c> ({ active_units_pca, active_units_variance, pca_eigenvalues, probe_accuracy: { mean,
/// mean_var, sampled }, … }), CSV data (<c>pca_spectrum.csv</c>, <c>dimension_variances.csv</c>, <c>interpolation_profile.csv</c>,
/// <c>interpolation_grid.csv</c>) and SVG figures (<c>pca_spectrum.svg</c>, <c>interpolation.svg</c>, <c>sigma_profile.svg</c>).
/// </summary>
/// <remarks>Data: the held-out test split of a registry data set (<c>DatasetRegistry</c>): for <c>mnist</c> the last 1 000
/// images of the embedded test set, which <c>vae train --dataset mnist</c> never trains on; for the full sets their
/// 10 000 test images; for <c>classification</c> the last 1 000 samples of the problem generated with the data seed, by default
/// the seed the model was trained with (<c>seed</c> in the <c>metrics.json</c> that <c>vae train</c> writes beside the model), so
/// the split is the one training held out. The encoder never sees labels; the probe holds out 20 % of the split.</remarks>
internal static class GeometryCommand
{
    internal static Command Create()
    {
        var command = new Command("geometry", "Information geometry of a trained VAE's latent space (Peşte, Malagò & Sârbu).");
        command.Subcommands.Add(Analyse());
        return command;
    }

    private static Command Analyse()
    {
        var model = new Option<string>("--model") { Description = "Trained model (DIR/model.safetensors from vae train).", Required = true };
        var dataset = new Option<string>("--dataset")
        {
            Description = $"Data set by registry name ({string.Join(", ", DatasetRegistry.Names)}); its held-out test split is encoded.", DefaultValueFactory = _ => "mnist",
        };
        var dataDir = new Option<string>("--data-dir") { Description = "IDX directory for mnist-full and fashion-mnist (docs/data.md).", DefaultValueFactory = _ => "" };
        var epsilon = new Option<double>("--epsilon") { Description = "Active-unit threshold on variances.", DefaultValueFactory = _ => ActiveUnits.DefaultEpsilon };
        var pair = new Option<string>("--pair") { Description = "Indices I,J of the two images to interpolate between.", DefaultValueFactory = _ => "0,1" };
        var steps = new Option<int>("--steps") { Description = "Decoded points per interpolation path (endpoints included).", DefaultValueFactory = _ => 10 };
        var profileSteps = new Option<int>("--profile-steps") { Description = "Points per path in the (μ, σ) profile (interpolation_profile.csv, sigma_profile.svg).", DefaultValueFactory = _ => 51 };
        var seed = new Option<int>("--seed") { Description = "Seed of the probe split and of all latent draws.", DefaultValueFactory = _ => 0 };
        var dataSeed = new Option<int?>("--data-seed")
        {
            Description = "Seed of the classification generator (other data sets ignore it). Default: the seed in metrics.json beside --model (written by 'vae train'), so the held-out split is the one training kept out; 0 without that file.",
        };
        var output = new Option<string>("--out") { Description = "Output directory (created if needed; see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var command = new Command("analyse", "Active units (PCA and per-dimension variance, ε), linear probes on three feature sets, and Fisher–Rao vs straight-line interpolation; writes geometry.json, CSV data and SVG figures.");
        foreach (var o in new Option[] { model, dataset, dataDir, epsilon, pair, steps, profileSteps, seed, dataSeed, output, force }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            CommandRunner.UseBestNumerics();
            var name = OptionChecks.Dataset(parse.GetValue(dataset)!, parse.GetValue(dataDir)!);
            var modelPath = Path.GetFullPath(parse.GetValue(model)!);
            var split = DatasetRegistry.Load(name, parse.GetValue(dataDir)!, parse.GetValue(dataSeed) ?? (name == "classification" ? TrainedSeed(modelPath) : 0));
            var data = split.Test;
            var vae = VariationalAutoencoder.Load(modelPath);
            var (first, second) = ParsePair(parse.GetValue(pair)!, data.Count);
            OptionChecks.Require(double.IsFinite(parse.GetValue(epsilon)) && parse.GetValue(epsilon) >= 0, "--epsilon", parse.GetValue(epsilon), "must be finite and ≥ 0.");
            OptionChecks.Require(parse.GetValue(steps) is >= 2 and <= 1000, "--steps", parse.GetValue(steps), "must be in [2, 1000].");
            OptionChecks.Require(parse.GetValue(profileSteps) is >= 2 and <= 100_000, "--profile-steps", parse.GetValue(profileSteps), "must be in [2, 100000].");
            using var staged = Output.CommandOutput.Directory(parse.GetValue(output)!, parse.GetValue(force));
            Run(vae, modelPath, data, split.Source, parse.GetValue(epsilon), first, second, parse.GetValue(steps), parse.GetValue(profileSteps), parse.GetValue(seed), staged.Path);
            staged.Commit();
            Console.WriteLine($"vae geometry analyse: wrote geometry.json and the CSV/SVG files in {staged.FinalPath}");
            return 0;
        });
        return command;
    }

    /// <summary>The seed <c>vae train</c> recorded in <c>metrics.json</c> beside the model (the data seed of <c>classification</c>);
    /// 0, with a note on standard output, when there is no such file.</summary>
    /// <exception cref="InvalidDataException">The file exists but has no integer <c>seed</c>.</exception>
    private static int TrainedSeed(string modelPath)
    {
        var metrics = Path.Combine(Path.GetDirectoryName(modelPath)!, "metrics.json");
        if (!System.IO.File.Exists(metrics))
        {
            Console.WriteLine($"note: no metrics.json beside '{modelPath}'; the classification problem is generated with data seed 0 (give --data-seed to choose).");
            return 0;
        }
        using var document = Output.Metadata.Parse(metrics);
        return document.RootElement.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number && seed.TryGetInt32(out var value)
            ? value
            : throw new InvalidDataException($"'{metrics}': field 'seed' is missing or not an integer; give --data-seed.");
    }

    internal static void Run(VariationalAutoencoder vae, string modelPath, Dataset data, string dataSource, double epsilon, int first, int second,
        int steps, int profileSteps, int seed, string outputDirectory)
    {
        var posteriors = DiagonalNormalBatch.FromPosteriorCodes(vae.Encode(data));
        var units = ActiveUnits.Measure(posteriors.Means, epsilon);
        var probes = LinearProbe.EvaluateFeatureSets(posteriors, data.Labels, LinearProbeOptions.Default with { Seed = seed });

        var a = posteriors[first];
        var b = posteriors[second];
        var rows = LatentInterpolation.Grid(ToDoubles(data.Sample(first)), ToDoubles(data.Sample(second)), a, b, vae.Decode,
            InterpolationOptions.Default with { Steps = steps, Seed = seed });
        var profile = LatentInterpolation.Profile(a, b, profileSteps);

        string File(string name) => Path.Combine(outputDirectory, name);
        AtomicFile.WriteAllText(File("geometry.json"), Json(modelPath, data, dataSource, vae, units, probes, first, second, a, b));
        AtomicFile.WriteAllText(File("pca_spectrum.csv"), Csv("component,eigenvalue,explained_variance_ratio",
            units.PcaEigenvalues.Select((v, i) => (FormattableString)$"{i + 1},{v:R},{v / units.PcaEigenvalues.Sum():R}")));
        AtomicFile.WriteAllText(File("dimension_variances.csv"), Csv("dimension,variance_of_mean",
            units.DimensionVariances.Select((v, j) => (FormattableString)$"{j},{v:R}")));
        LatentInterpolation.WriteProfileCsv(File("interpolation_profile.csv"), profile);
        AtomicFile.WriteAllText(File("interpolation_grid.csv"), GridCsv(rows));
        AtomicFile.WriteAllText(File("pca_spectrum.svg"), SpectrumFigure(units).ToSvg());
        AtomicFile.WriteAllText(File("interpolation.svg"), GridFigure(rows, data.SampleShape).ToSvg());
        AtomicFile.WriteAllText(File("sigma_profile.svg"), ProfileFigure(profile, a, b).ToSvg());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vae geometry analyse: k = {posteriors.Dimension}, active units {units.PcaCount} (PCA) / {units.VarianceCount} (variance) at ε = {epsilon}; " +
            $"probe accuracy mean {probes.Mean.TestAccuracy:F4}, mean+var {probes.MeanVariance.TestAccuracy:F4}, sampled {probes.Sampled.TestAccuracy:F4}"));
    }

    private static (int First, int Second) ParsePair(string text, int count)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int j)
            || i >= count || j >= count || i == j)
            throw new ArgumentException($"--pair '{text}' must be two different indices I,J in [0, {count}).", "--pair");
        return (i, j);
    }

    private static double[] ToDoubles(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }

    private static string Json(string modelPath, Dataset data, string dataSource, VariationalAutoencoder vae, ActiveUnitsReport units, ProbeAccuracies probes,
        int first, int second, DiagonalNormal a, DiagonalNormal b)
    {
        static JsonObject Probe(ProbeEvaluation e) => new()
        {
            ["train_accuracy"] = e.TrainAccuracy, ["test_accuracy"] = e.TestAccuracy, ["train_samples"] = e.TrainCount,
            ["test_samples"] = e.TestCount, ["objective"] = e.Objective, ["iterations"] = e.Iterations,
        };
        var root = new JsonObject
        {
            ["active_units_pca"] = units.PcaCount,
            ["active_units_variance"] = units.VarianceCount,
            ["pca_eigenvalues"] = new JsonArray(units.PcaEigenvalues.Select(v => (JsonNode)v).ToArray()),
            ["probe_accuracy"] = new JsonObject
            {
                ["mean"] = probes.Mean.TestAccuracy, ["mean_var"] = probes.MeanVariance.TestAccuracy, ["sampled"] = probes.Sampled.TestAccuracy,
            },
            ["epsilon"] = units.Epsilon,
            ["latent"] = vae.Architecture.LatentSize,
            ["dimension_variances"] = new JsonArray(units.DimensionVariances.Select(v => (JsonNode)v).ToArray()),
            ["probes"] = new JsonObject
            {
                ["mean"] = Probe(probes.Mean), ["mean_var"] = Probe(probes.MeanVariance), ["sampled"] = Probe(probes.Sampled),
                ["model"] = "multinomial logistic regression, L2, C = 1, standardised features, L-BFGS (MathNet)",
            },
            ["interpolation"] = new JsonObject
            {
                ["pair"] = new JsonArray(first, second), ["labels"] = new JsonArray(data.Labels[first], data.Labels[second]),
                ["fisher_rao_distance"] = Vae.InfoGeometry.FisherRao.Distance(a, b),
            },
            ["model"] = modelPath, ["data"] = data.Name, ["data_source"] = dataSource, ["samples"] = data.Count, ["backend"] = VaeNumerics.Describe(),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Csv(string header, IEnumerable<FormattableString> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var line in lines) text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    private static string GridCsv(IReadOnlyList<InterpolationRow> rows)
    {
        var text = new StringBuilder("row,step");
        int features = rows[0].Outputs.ColumnCount;
        for (int p = 0; p < features; p++) text.Append(CultureInfo.InvariantCulture, $",x{p}");
        text.Append('\n');
        foreach (var row in rows)
        {
            var outputs = row.Outputs;
            for (int i = 0; i < outputs.RowCount; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{row.Kind},{i}");
                for (int p = 0; p < features; p++) text.Append(CultureInfo.InvariantCulture, $",{outputs[i, p]:G6}");
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static LinePlot SpectrumFigure(ActiveUnitsReport units) => new()
    {
        Title = $"PCA of the posterior means (ε = {units.Epsilon.ToString(CultureInfo.InvariantCulture)})",
        Series =
        [
            new LineSeries("eigenvalue", units.PcaEigenvalues.Select((_, i) => (double)(i + 1)).ToArray(), units.PcaEigenvalues.Select(v => Math.Max(v, 1e-12)).ToArray()),
            new LineSeries("ε", [1.0, units.PcaEigenvalues.Count], [units.Epsilon, units.Epsilon]),
        ],
        XAxis = Vae.Plotting.Axes.Axis.Default with { Label = "component" },
        YAxis = Vae.Plotting.Axes.Axis.Default with { Label = "eigenvalue", Scale = Vae.Plotting.Axes.AxisScale.Logarithmic },
        ShowMarkers = true,
    };

    /// <summary>The interpolation rows as images: images ([.., H, W]) with intensities clamped to [0, 1]; feature vectors ([F])
    /// as 1 × F strips scaled linearly from the smallest to the largest value in the grid (the same scale in every cell).</summary>
    private static ImageGrid GridFigure(IReadOnlyList<InterpolationRow> rows, IReadOnlyList<int> shape)
    {
        var image = shape.Count >= 2;
        int height = image ? shape[^2] : 1, width = shape[^1];
        double low = 0, high = 1;
        if (!image)
        {
            low = rows.Min(r => r.Outputs.Enumerate().Min());
            high = rows.Max(r => r.Outputs.Enumerate().Max());
            if (!(high > low)) (low, high) = (low - 0.5, low + 0.5);
        }
        GrayImage Image(Matrix<double> m, int i) => GrayImage.FromPixels(width, height, m.Row(i).Select(v => Math.Clamp((v - low) / (high - low), 0, 1)).ToArray());
        return new ImageGrid
        {
            Title = image ? "Interpolation: input space, straight lines and the Fisher–Rao geodesic"
                : FormattableString.Invariant($"Interpolation (features scaled from {low:G4} to {high:G4}): input space, straight lines and the Fisher–Rao geodesic"),
            Rows = rows.Select(r => new ImageGridRow(r.Kind.ToString(), Enumerable.Range(0, r.Outputs.RowCount).Select(i => Image(r.Outputs, i)).ToArray())).ToArray(),
        };
    }

    /// <summary>σⱼ(t) along the (μ, σ) line and the geodesic for the three coordinates with the largest |Δμⱼ|/σ (where the bump shows).</summary>
    private static LinePlot ProfileFigure(IReadOnlyList<PathProfilePoint> profile, DiagonalNormal a, DiagonalNormal b)
    {
        var dims = Enumerable.Range(0, a.Dimension)
            .OrderByDescending(j => Math.Abs(a.Mean[j] - b.Mean[j]) / Math.Min(a.StdDev[j], b.StdDev[j])).Take(3).ToArray();
        var series = new List<LineSeries>();
        foreach (int j in dims)
        {
            foreach (var method in new[] { InterpolationMethod.MeanStdDevLine, InterpolationMethod.FisherRaoGeodesic })
            {
                var points = profile.Where(p => p.Dimension == j && p.Method == method).ToArray();
                series.Add(new LineSeries($"z{j} {(method == InterpolationMethod.FisherRaoGeodesic ? "geodesic" : "line")}",
                    points.Select(p => p.Mean).ToArray(), points.Select(p => p.StdDev).ToArray()));
            }
        }
        return new LinePlot
        {
            Title = "Geodesics vs straight lines in (μ, σ)",
            Series = series,
            XAxis = Vae.Plotting.Axes.Axis.Default with { Label = "μ" },
            YAxis = Vae.Plotting.Axes.Axis.Default with { Label = "σ" },
        };
    }
}
