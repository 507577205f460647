using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// The slides' missing-data experiment: reconstruct blacked-out blocks of distance matrices with the VAE and compare
/// the error on the masked entries with mean imputation and with the reconstruction of the complete matrix.
/// </summary>
public static class MissingData
{
    /// <summary>Imputes the masked entries and measures the errors on them.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="complete">The matrices before masking [count, N, N], σ.</param>
    /// <param name="masked">The same matrices with one block (and its mirror) masked per matrix (<see cref="AnomalyData.Mask"/>).</param>
    /// <param name="reference">Normal matrices (the training set) whose per-entry mean is the mean imputation.</param>
    /// <param name="iterations">VAE imputation passes, ≥ 1: start from the mean imputation, then repeatedly replace the
    /// masked entries by decode(μ(x)) of the current matrix (only the masked entries change).</param>
    /// <returns>The MSE on the masked entries (σ²) of each method.</returns>
    /// <exception cref="ArgumentException">The sets differ in count or N, or N differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> &lt; 1.</exception>
    public static MissingDataReport Evaluate(FluidVaeModel model, DistanceMatrixSet complete, MaskedMatrices masked, DistanceMatrixSet reference, int iterations = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(complete);
        ArgumentNullException.ThrowIfNull(masked);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        int n = complete.Particles, d = n * n, count = complete.Count;
        if (masked.Matrices.Count != count || masked.Matrices.Particles != n)
            throw new ArgumentException($"masked has {masked.Matrices.Count} matrices of N = {masked.Matrices.Particles}; complete has {count} of N = {n}.", nameof(masked));
        if (reference.Particles != n) throw new ArgumentException($"reference has N = {reference.Particles}; complete has N = {n}.", nameof(reference));
        var isMasked = new bool[(long)count * d];
        for (int k = 0; k < count; k++)
            for (int i = 0; i < masked.BlockSize; i++)
                for (int j = 0; j < masked.BlockSize; j++)
                {
                    int r = masked.BlockRows[k] + i, c = masked.BlockColumns[k] + j;
                    isMasked[(long)k * d + r * n + c] = isMasked[(long)k * d + c * n + r] = true;
                }
        var mean = new double[d];
        var refValues = reference.Values;
        for (int k = 0; k < reference.Count; k++)
            for (int j = 0; j < d; j++) mean[j] += refValues[k * d + j];
        for (int j = 0; j < d; j++) mean[j] /= reference.Count;

        var current = masked.Matrices.Values.ToArray();
        for (long e = 0; e < current.Length; e++)
            if (isMasked[e]) current[e] = (float)mean[e % d];
        double meanMse = MaskedMse(complete.Values, current, isMasked);
        var zeroFilled = MaskedMse(complete.Values, model.Reconstruct(masked.Matrices).Values, isMasked);
        for (int t = 0; t < iterations; t++)
        {
            var reconstruction = model.Reconstruct(new DistanceMatrixSet(current, count, n)).Values;
            for (long e = 0; e < current.Length; e++)
                if (isMasked[e]) current[e] = reconstruction[(int)e];
        }
        double vaeMse = MaskedMse(complete.Values, current, isMasked);
        double unmasked = MaskedMse(complete.Values, model.Reconstruct(complete).Values, isMasked);
        return new MissingDataReport(count, isMasked.Count(m => m), vaeMse, meanMse, unmasked, zeroFilled, iterations);
    }

    private static double MaskedMse(ReadOnlySpan<float> truth, ReadOnlySpan<float> guess, bool[] isMasked)
    {
        double sum = 0;
        long entries = 0;
        for (int e = 0; e < truth.Length; e++)
        {
            if (!isMasked[e]) continue;
            double r = truth[e] - (double)guess[e];
            sum += r * r;
            entries++;
        }
        return sum / entries;
    }
}
