using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// The closed-form Fisher–Rao exponential map of the multivariate normal family at the base point N(0, I)
/// (Eriksen 1987; Calvo &amp; Oller 1991, Theorem 3.1). For an initial velocity (x, B) — mean velocity x ∈ ℝⁿ and
/// symmetric covariance velocity B — let
/// <code>
///     A = [ −B   x    0  ]
///         [ xᵀ   0   −xᵀ ]          ((2n+1) × (2n+1), symmetric)
///         [ 0   −x    B  ]
/// </code>
/// and exp(tA) = [[Δ(t), δ(t), ·], [·, ·, ·], [·, ·, ·]] (blocks n×n, n×1, …). Then Σ(t) = Δ(t)⁻¹ and
/// μ(t) = Δ(t)⁻¹ δ(t) is the geodesic with μ(0) = 0, Σ(0) = I, μ'(0) = x, Σ'(0) = B. Because A is symmetric,
/// exp(tA) = V diag(e^{tλ}) Vᵀ from one symmetric eigendecomposition (LAPACK syevd through MathNet), and its
/// directional derivative is the Daleckii–Krein formula V (Φ ∘ (Vᵀ E V)) Vᵀ with
/// Φₖₗ = (e^{λₖ} − e^{λₗ})/(λₖ − λₗ) (= e^{λₖ} when λₖ = λₗ).
/// </summary>
internal sealed class EriksenExponential
{
    private readonly double[] _lambda;
    private readonly double[] _v; // row-major [m, m]: _v[a * m + k] = V[a, k]

    /// <summary>Parameters p = [x₀..xₙ₋₁, B₀₀, B₀₁, …, B₀,ₙ₋₁, B₁₁, …, Bₙ₋₁,ₙ₋₁] (upper triangle of B, row by row).</summary>
    internal EriksenExponential(int n, ReadOnlySpan<double> p)
    {
        N = n;
        int m = 2 * n + 1;
        var a = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < n; i++)
        {
            a[i, n] = a[n, i] = p[i];
            a[n, n + 1 + i] = a[n + 1 + i, n] = -p[i];
        }
        int q = n;
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++, q++)
            {
                a[i, j] = a[j, i] = -p[q];
                a[n + 1 + i, n + 1 + j] = a[n + 1 + j, n + 1 + i] = p[q];
            }
        }
        Evd<double> evd = a.Evd(Symmetricity.Symmetric);
        _lambda = new double[m];
        for (int k = 0; k < m; k++) _lambda[k] = evd.EigenValues[k].Real;
        var vectors = evd.EigenVectors;
        _v = new double[m * m];
        for (int r = 0; r < m; r++)
            for (int k = 0; k < m; k++)
                _v[r * m + k] = vectors[r, k];
    }

    internal int N { get; }

    internal static int ParameterCount(int n) => n + n * (n + 1) / 2;

    /// <summary>Largest |λ| of A: the curve's speed scale (‖A‖₂).</summary>
    internal double SpectralNorm => _lambda.Max(Math.Abs);

    /// <summary>The blocks Δ(t) [n, n] and δ(t) [n] of exp(tA).</summary>
    internal void Evaluate(double t, Matrix<double> delta, Vector<double> deltaVector)
    {
        int n = N, m = 2 * n + 1;
        Span<double> e = stackalloc double[m];
        for (int k = 0; k < m; k++) e[k] = Math.Exp(t * _lambda[k]);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c <= n; c++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += _v[r * m + k] * e[k] * _v[c * m + k];
                if (c < n) delta[r, c] = s;
                else deltaVector[r] = s;
            }
        }
    }

    /// <summary>
    /// Residual entries of exp(A) in the order of the shooting equations: the upper triangle of Δ(1) row by row,
    /// then δ(1).
    /// </summary>
    internal void EndBlocks(Span<double> destination)
    {
        int n = N, m = 2 * n + 1;
        Span<double> e = stackalloc double[m];
        for (int k = 0; k < m; k++) e[k] = Math.Exp(_lambda[k]);
        int q = 0;
        for (int r = 0; r < n; r++)
            for (int c = r; c < n; c++, q++)
                destination[q] = Entry(r, c, e);
        for (int r = 0; r < n; r++, q++)
            destination[q] = Entry(r, n, e);
    }

    private double Entry(int r, int c, ReadOnlySpan<double> weights)
    {
        int m = 2 * N + 1;
        double s = 0;
        for (int k = 0; k < m; k++) s += _v[r * m + k] * weights[k] * _v[c * m + k];
        return s;
    }

    /// <summary>
    /// The Jacobian ∂(EndBlocks)/∂p, shape [P, P] with P = n + n(n+1)/2, column q being the Fréchet derivative of
    /// exp at A in the direction E_q = ∂A/∂p_q.
    /// </summary>
    internal Matrix<double> Jacobian()
    {
        int n = N, m = 2 * n + 1, count = ParameterCount(n);
        var phi = new double[m * m];
        for (int k = 0; k < m; k++)
        {
            for (int l = 0; l < m; l++)
            {
                double half = 0.5 * (_lambda[k] - _lambda[l]);
                double sinhc = Math.Abs(half) < 1e-8 ? 1.0 + half * half / 6.0 : Math.Sinh(half) / half;
                phi[k * m + l] = Math.Exp(0.5 * (_lambda[k] + _lambda[l])) * sinhc;
            }
        }
        var jacobian = Matrix<double>.Build.Dense(count, count);
        var w = new double[m * m];
        var g = new double[n * m];
        for (int q = 0; q < count; q++)
        {
            Array.Clear(w);
            if (q < n)
            {
                AddSymmetricPair(w, q, n, 1.0);
                AddSymmetricPair(w, n, n + 1 + q, -1.0);
            }
            else
            {
                var (i, j) = UpperIndex(q - n, n);
                AddSymmetricPair(w, i, j, -1.0);
                AddSymmetricPair(w, n + 1 + i, n + 1 + j, 1.0);
            }
            for (int k = 0; k < w.Length; k++) w[k] *= phi[k];
            // g = V[0..n, :] · M, then column q of the Jacobian = g · V[c, :]ᵀ for the residual entries (r, c).
            for (int r = 0; r < n; r++)
            {
                for (int l = 0; l < m; l++)
                {
                    double s = 0;
                    for (int k = 0; k < m; k++) s += _v[r * m + k] * w[k * m + l];
                    g[r * m + l] = s;
                }
            }
            int row = 0;
            for (int r = 0; r < n; r++)
                for (int c = r; c < n; c++, row++)
                    jacobian[row, q] = Dot(g.AsSpan(r * m, m), _v.AsSpan(c * m, m));
            for (int r = 0; r < n; r++, row++)
                jacobian[row, q] = Dot(g.AsSpan(r * m, m), _v.AsSpan(n * m, m));
        }
        return jacobian;
    }

    /// <summary>Adds c·(V[a, :]ᵀ V[b, :] + V[b, :]ᵀ V[a, :]) (or c·V[a, :]ᵀ V[a, :] when a = b) to W = Vᵀ E V.</summary>
    private void AddSymmetricPair(double[] w, int a, int b, double c)
    {
        int m = 2 * N + 1;
        var va = _v.AsSpan(a * m, m);
        var vb = _v.AsSpan(b * m, m);
        for (int k = 0; k < m; k++)
        {
            for (int l = 0; l < m; l++)
            {
                w[k * m + l] += a == b ? c * va[k] * va[l] : c * (va[k] * vb[l] + vb[k] * va[l]);
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>(i, j), i ≤ j, of the <paramref name="index"/>-th upper-triangle entry taken row by row.</summary>
    internal static (int Row, int Column) UpperIndex(int index, int n)
    {
        int i = 0;
        while (index >= n - i)
        {
            index -= n - i;
            i++;
        }
        return (i, i + index);
    }
}
