namespace Vae.Reproduce.QuantumPaper;

/// <summary>Compares the paper's printed E¹ with the exact integral under every <see cref="PaperConvention"/>.</summary>
public static class PaperComparison
{
    /// <summary>
    /// One row per convention × sign-factor reading × reading of N (N = t, and N = 0), over n = 1..<paramref name="maxLevel"/> and
    /// the given t (t = 0 and t = 2n, where the printed formula is 0/0, are skipped).
    /// </summary>
    /// <param name="maxLevel">Largest n, ≥ 1.</param>
    /// <param name="minima">Values of t, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLevel"/> &lt; 1 or a non-finite t.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="minima"/> is null.</exception>
    public static IReadOnlyList<PaperComparisonRow> Run(int maxLevel, IReadOnlyList<double> minima)
    {
        ArgumentNullException.ThrowIfNull(minima);
        if (maxLevel < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLevel), maxLevel, "maxLevel must be at least 1.");
        var points = new List<(int N, double T)>();
        foreach (var t in minima)
        {
            if (!double.IsFinite(t))
                throw new ArgumentOutOfRangeException(nameof(minima), t, "Every t must be finite.");
            for (var n = 1; n <= maxLevel; n++)
                if (t != 0 && Math.Abs(t) != 2 * n) points.Add((n, t));
        }
        var rows = new List<PaperComparisonRow>();
        foreach (var convention in Enum.GetValues<PaperConvention>())
        {
            var exact = points.Select(p => PaperFormulas.ExactFirstOrderEnergy(convention, p.N, p.T)).ToArray();
            foreach (var sign in Enum.GetValues<PaperSignFactor>())
            {
                foreach (var nIsT in new[] { true, false })
                {
                    double integer = 0, nonInteger = 0, imaginary = 0, scale = 0;
                    for (var i = 0; i < points.Count; i++)
                    {
                        var (n, t) = points[i];
                        var printed = PaperFormulas.FirstOrderEnergy(n, t, nIsT ? t : 0.0, sign);
                        var deviation = (printed - exact[i]).Magnitude;
                        if (t == Math.Round(t)) integer = Math.Max(integer, deviation);
                        else nonInteger = Math.Max(nonInteger, deviation);
                        imaginary = Math.Max(imaginary, Math.Abs(printed.Imaginary));
                        scale = Math.Max(scale, Math.Abs(exact[i]));
                    }
                    rows.Add(new PaperComparisonRow(convention, sign, nIsT ? "t" : "0", integer, nonInteger, imaginary, scale, points.Count));
                }
            }
        }
        return rows;
    }
}
