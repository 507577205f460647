using System.Text.Json.Nodes;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;
using Vae.Quantum.Spectrum;
using Vae.Quantum.Validation;
using Vae.Reproduce.QuantumPaper;
using Vae.Reproduce.Figures;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The first seed (Andrés-Terré &amp; Lió): particle in a box with the perturbation V(z) = sin(2πtz); the analytic
/// matrix elements validated against quadrature, exact diagonalisation and finite differences; first-order
/// energies against t; the λ³ convergence of second-order perturbation theory.
/// </summary>
internal sealed class QuantumPart : IReportPart
{
    public string Id => "quantum";

    public string Label => "Quantum: perturbation theory validated against numerics";

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var validationOptions = options.Scale == ReproduceScale.Smoke
            ? ValidationOptions.Default with { MaxLevel = 8, Minima = [0.5, 1.0, 1.5, 2.5] }
            : ValidationOptions.Default;
        var report = QuantumValidation.Run(validationOptions, cancellationToken);
        progress.Report(0.6);

        var errors = new JsonArray(report.Errors.Select(e => (JsonNode?)new JsonObject
        {
            ["quantity"] = e.Quantity, ["reference"] = e.Reference, ["max_abs_error"] = e.MaxAbsoluteError,
            ["comparisons"] = e.Comparisons, ["at_t"] = OrNull(e.AtMinima), ["at_m"] = e.AtM, ["at_n"] = e.AtN,
        }).ToArray());
        var orders = new JsonArray(report.Orders.Select(o => (JsonNode?)new JsonObject
        {
            ["quantity"] = o.Quantity, ["expected"] = o.Expected, ["median"] = OrNull(o.Median), ["min"] = OrNull(o.Minimum), ["max"] = OrNull(o.Maximum),
            ["fits"] = o.Fits, ["within_tolerance"] = o.WithinTolerance, ["tolerance"] = o.Tolerance, ["condition"] = o.Condition,
        }).ToArray());
        var tables = new List<ReportTable>
        {
            new($"Largest |analytic − numeric| over n, m ≤ {validationOptions.MaxLevel} and {validationOptions.Minima.Count} values of t (L = {validationOptions.Length}, A = {validationOptions.Coefficient})",
                ["quantity", "reference", "max |error|", "comparisons", "worst at (t, m, n)"],
                report.Errors.Select(e => (IReadOnlyList<string>)[e.Quantity, e.Reference, F(e.MaxAbsoluteError, 3), e.Comparisons.ToString(), $"({F(e.AtMinima, 3)}, {e.AtM}, {e.AtN})"]).ToList()),
            new("Fitted orders of convergence",
                ["quantity", "expected", "median", "range", "fits within tolerance"],
                report.Orders.Select(o => (IReadOnlyList<string>)[o.Quantity, F(o.Expected, 2), F(o.Median, 4), $"[{F(o.Minimum, 3)}, {F(o.Maximum, 3)}]", $"{o.WithinTolerance}/{o.Fits} (±{F(o.Tolerance, 2)})"]).ToList()),
        };

        // First-order energies E_n¹(t) on [0, 1]: zero at integer t, the removable singularity t = n handled exactly.
        var box = ParticleInBox.Unit;
        var ts = Enumerable.Range(0, 301).Select(i => i / 60.0).Where(t => t > 0).ToList();
        var firstOrder = Enumerable.Range(1, 4).Select(n => new LineSeries($"n = {n}", ts,
            ts.Select(t => SineMatrixElements.FirstOrderEnergy(box, new SinePotential(t), n)).ToList())).ToList();
        var figures = new List<ReportFigure>
        {
            new("quantum-first-order", "First-order energy against the number of minima",
                "E_n¹ = ⟨φ_n|sin(2πtz)|φ_n⟩ on [0, 1] in closed form, (1 − cos 2πt)·n² / (2πt(n² − t²)); it vanishes at every integer t and is finite at t = n.",
                new LinePlot { Title = "E_n¹(t), L = 1", Series = firstOrder, XAxis = Axis.Default with { Label = "t (number of minima)" }, YAxis = Axis.Default with { Label = "E_n¹ (units of A)" } }.ToSvg()),
        };

        double tMatrix = 1.5;
        var v = SineMatrixElements.Matrix(box, new SinePotential(tMatrix), 20);
        figures.Add(new ReportFigure("quantum-matrix-elements", "Matrix elements V_mn",
            $"V_mn = ⟨φ_m|sin(2πtz)|φ_n⟩ for t = {tMatrix}, m, n = 1..20 (closed form).",
            (Heatmap.FromArray(v.ToArray()) with { Title = $"V_mn, t = {tMatrix}", XLabel = "n − 1", YLabel = "m − 1", ColorBarLabel = "V_mn" }).ToSvg()));

        // Exact diagonalisation against E⁰ + λE¹ + λ²E²: the error falls as λ³.
        var expansion = PerturbationExpansion.ForSinePotential(box, new SinePotential(0.7), 40);
        var lambdas = Enumerable.Range(0, 10).Select(i => 2.0 * Math.Pow(0.5, i)).ToList();
        var ground = lambdas.Select(l =>
        {
            var exact = BasisDiagonalization.Energies(expansion, l)[0];
            return Math.Abs(exact - expansion.Correction(1).ThroughSecondOrder(l));
        }).ToList();
        var fit = PowerLawFit.Fit(lambdas.Skip(3).ToList(), ground.Skip(3).ToList());
        figures.Add(new ReportFigure("quantum-lambda-cubed", "Perturbation error against λ",
            $"|E_exact(λ) − (E⁰ + λE¹ + λ²E²)| for the ground state, t = 0.7, exact diagonalisation in a 40-state basis; fitted slope {F(fit.Order, 4)} (third order expected).",
            new LinePlot
            {
                Title = "Second-order error, ground state (t = 0.7)",
                Series = [new LineSeries("|error|", lambdas, ground), new LineSeries("λ³ reference", lambdas, lambdas.Select(l => ground[^1] * Math.Pow(l / lambdas[^1], 3)).ToList())],
                XAxis = Axis.Default with { Label = "λ", Scale = AxisScale.Logarithmic },
                YAxis = Axis.Default with { Label = "|error| (units of A)", Scale = AxisScale.Logarithmic },
            }.ToSvg()));
        progress.Report(0.7);

        // The ψ_n network on VAE codes of make_classification clusters (the paper's Fig. 2).
        var clusterCounts = options.Scale == ReproduceScale.Smoke ? new[] { 4 } : new[] { 2, 3, 4, 5 };
        var figure2 = options.Scale == ReproduceScale.Smoke
            ? Figure2Options.Default with { Samples = 300, VaeEpochs = 5, Seed = options.Seed }
            : Figure2Options.Default with { Seed = options.Seed };
        var spectra = new JsonArray();
        var spectrumRows = new List<IReadOnlyList<string>>();
        var schrodinger = new JsonArray();
        var schrodingerRows = new List<IReadOnlyList<string>>();
        var schrodingerFigures = new List<ReportFigure>();
        var schrodingerSeconds = 0.0;
        for (int i = 0; i < clusterCounts.Length; i++)
        {
            int k = clusterCounts[i];
            // One VAE per k: the ψ network sees its posterior means, Schrödinger clustering its posteriors.
            var data = Figure2.Data(k, figure2);
            var posterior = Figure2.Posterior(data, figure2, figure2.Seed, cancellationToken);
            var spectrum = Figure2.PsiNetwork(data, posterior.Mean, k, figure2, cancellationToken);
            spectra.Add(new JsonObject
            {
                ["clusters"] = k, ["adjusted_rand_index"] = spectrum.AdjustedRandIndex, ["minima"] = spectrum.Options.Minima, ["alpha"] = spectrum.Options.Alpha,
                ["per_cluster"] = new JsonArray(spectrum.Clusters.Select(c => (JsonNode?)new JsonObject
                {
                    ["label"] = c.Label, ["count"] = c.Count, ["mean_n"] = c.MeanQuantumNumber, ["sd_n"] = c.QuantumNumberStdDev,
                    ["mean_energy"] = c.MeanEnergy, ["dominant_level"] = c.DominantLevel, ["dominant_share"] = c.DominantLevelFraction,
                }).ToArray()),
            });
            spectrumRows.Add([k.ToString(), F(spectrum.AdjustedRandIndex, 3),
                string.Join("; ", spectrum.Clusters.Select(c => $"{F(c.MeanQuantumNumber, 3)} / {F(c.MeanEnergy, 3)}")),
                string.Join(", ", spectrum.Clusters.Select(c => c.DominantLevel))]);
            if (k == 4)
            {
                figures.Add(new ReportFigure("quantum-psi", "ψ observations per cluster (k = 4)",
                    "ψ network output against the latent coordinate for make_classification data with 4 clusters encoded by a VAE (docs/quantum.md: choices of z and of the arcsin domain).",
                    SpectrumFigures.PsiObservations(spectrum, k)));
                figures.Add(new ReportFigure("quantum-spectrum", "Spectrum and cluster levels (k = 4)",
                    "Level energy E(n) = αn² + E¹(n) and each cluster's mean (n, E_n). With the paper's loss every cluster falls to the lowest level, so the levels do not separate the clusters (ARI ≈ 0).",
                    SpectrumFigures.Spectrum(spectrum, k)));
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            schrodinger.Add(SchrodingerSection.Analyze(posterior, spectrum.Labels, k, schrodingerFigures, schrodingerRows, cancellationToken));
            schrodingerSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress.Report(0.7 + 0.2 * (i + 1) / clusterCounts.Length);
        }
        figures.AddRange(schrodingerFigures);

        // Replica invariance: the same data, VAE seeds seed .. seed + R − 1 (R = 5; 2 in the smoke test).
        var replicaCounts = options.Pick(smoke: new[] { 4 }, quick: new[] { 4 }, full: new[] { 2, 3, 4, 5 });
        var replicaRows = new List<IReadOnlyList<string>>();
        var replicaStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var replicas = new JsonArray(replicaCounts.Select(k => (JsonNode?)SchrodingerSection.Replicas(k, options.Pick(2, 5, 5), figure2, replicaRows, cancellationToken)).ToArray());
        schrodingerSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(replicaStarted).TotalSeconds;
        progress.Report(1.0);
        tables.Add(new ReportTable("ψ_n network on VAE codes of make_classification clusters (the paper's Fig. 2): adjusted Rand index of energy level vs label",
            ["clusters k", "ARI", "per cluster: mean n / mean E_n", "dominant level per cluster"], spectrumRows));
        tables.Add(new ReportTable("Schrödinger clustering (Horn & Gottlieb) of the same codes, σ by the rule given k (the middle of the coarsest σ range with k substantial minima of V; k as k-means and the GMM receive it), kernels with the shape of each code's posterior covariance and their size by Abramson's square-root law, all chosen on held-out seeds, beside k-means and a GMM; spectrum of −A d² + λV_data along PC1 (docs/quantum.md §10, §12)",
            SchrodingerSection.AnalysisHeader, schrodingerRows));
        tables.Add(new ReportTable("Replica invariance: VAEs with different seeds on the same data (pairwise ARI of assignments, spread of the level energies, raw-coordinate degeneracy)",
            SchrodingerSection.ReplicaHeader, replicaRows));

        var metrics = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["length"] = validationOptions.Length, ["coefficient"] = validationOptions.Coefficient, ["max_level"] = validationOptions.MaxLevel,
                ["minima"] = Array(validationOptions.Minima),
            },
            ["validation_errors"] = errors,
            ["convergence_orders"] = orders,
            ["psi_spectrum"] = new JsonObject
            {
                ["samples"] = figure2.Samples, ["features"] = figure2.Features, ["informative"] = figure2.Informative,
                ["latent"] = figure2.LatentSize, ["vae_epochs"] = figure2.VaeEpochs, ["seed"] = figure2.Seed, ["runs"] = spectra,
            },
            ["schrodinger"] = schrodinger,
            ["schrodinger_seconds"] = schrodingerSeconds,
            ["schrodinger_replicas"] = replicas,
            ["lambda_cubed"] = new JsonObject { ["minima"] = 0.7, ["basis"] = 40, ["lambdas"] = Array(lambdas), ["errors"] = Array(ground), ["fitted_exponent"] = fit.Order },
        };
        return new ReportSection(Id, "Quantum: perturbation theory on latent codes (Andrés-Terré & Lió)",
            "H⁰ = −A d²/dz² on a box of length L with V(z) = sin(2πtz): closed-form matrix elements checked against adaptive quadrature, " +
            "exact diagonalisation of H⁰ + λV and a finite-difference Hamiltonian (vae quantum validate).",
            metrics, figures, tables);
    }

    /// <summary>The library marks "not applicable" (e.g. the t of a t-independent quantity) with NaN; JSON says null.</summary>
    private static JsonNode? OrNull(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
