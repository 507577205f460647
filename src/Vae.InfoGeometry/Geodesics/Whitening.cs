using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>Triangular helpers for the whitening x ↦ L⁻¹(x − μ) that maps N(μ, LLᵀ) to N(0, I).</summary>
internal static class Whitening
{
    /// <summary>L⁻¹ for a lower-triangular L with positive diagonal, by forward substitution (column by column).</summary>
    internal static Matrix<double> InverseLower(Matrix<double> lower)
    {
        int n = lower.RowCount;
        var inverse = Matrix<double>.Build.Dense(n, n);
        for (int c = 0; c < n; c++)
        {
            for (int r = c; r < n; r++)
            {
                double s = r == c ? 1.0 : 0.0;
                for (int k = c; k < r; k++) s -= lower[r, k] * inverse[k, c];
                inverse[r, c] = s / lower[r, r];
            }
        }
        return inverse;
    }
}
