namespace Vae.Core.Sweeps;

/// <summary>Mean and sample standard deviation of one metric across the seeds (or pairs of seeds) of a configuration.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (divisor n − 1); null for a single value.</param>
/// <param name="Count">Number of values n ≥ 1.</param>
public sealed record SeedStatistic(double Mean, double? StandardDeviation, int Count)
{
    /// <summary>The statistic of <paramref name="values"/>.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <returns>The mean, sample standard deviation and count.</returns>
    /// <exception cref="ArgumentException">No value, or a value is not finite.</exception>
    public static SeedStatistic Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values is empty; a statistic needs at least one value.", nameof(values));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] = {values[i]} is not finite.", nameof(values));
        double mean = values.Sum() / values.Count;
        double? sd = values.Count < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new SeedStatistic(mean, sd, values.Count);
    }
}
