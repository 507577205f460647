using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Numerics;

/// <summary>Argument checks on MathNet matrices shared by the analysis code (PCA, the similarity metrics, the Gaussian
/// families of Vae.InfoGeometry), so that every one names the parameter, the entry and the value the same way.</summary>
internal static class MatrixValidation
{
    /// <summary>Throws unless every entry is finite.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN or ±∞: "<c>name[i, j] = value is not finite.</c>"</exception>
    internal static void RequireFinite(Matrix<double> matrix, string name)
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        var values = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
                throw new ArgumentException($"{name}[{k % matrix.RowCount}, {k / matrix.RowCount}] = {values[k]} is not finite.", name);
        }
    }
}
