using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>Per-column statistics shared by the active-unit counts (InfoGeometry's <c>ActiveUnits</c>, the sweep
/// summary, the latent matching): one implementation, so every count uses the same variances.</summary>
internal static class ColumnStatistics
{
    /// <summary>Sample variance (divisor n − 1) of every column of <paramref name="x"/> [samples, columns], n ≥ 2: the
    /// diagonal of the covariance whose eigenvalues PCA reports (Burda et al. 2016's active-unit statistic).</summary>
    internal static double[] SampleVariances(Matrix<double> x)
    {
        int n = x.RowCount;
        var variances = new double[x.ColumnCount];
        for (int j = 0; j < variances.Length; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i, j];
            mean /= n;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += (x[i, j] - mean) * (x[i, j] - mean);
            variances[j] = sum / (n - 1);
        }
        return variances;
    }
}
