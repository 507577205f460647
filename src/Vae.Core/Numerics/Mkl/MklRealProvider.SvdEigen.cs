using System.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Complex = System.Numerics.Complex;

namespace Vae.Core.Numerics.Mkl;

// SVD (gesdd) and eigen-decomposition (syevd/geev) members of the MKL provider.
internal sealed unsafe partial class MklRealProvider<T, TMkl>
{
    // ------------------------------------------------------------------ SVD

    public void SingularValueDecomposition(bool computeVectors, T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(Math.Min(rowsA, columnsA), 1, s, nameof(s));
        Shape(rowsA, rowsA, u, nameof(u));
        Shape(columnsA, columnsA, vt, nameof(vt));
        if (rowsA == 0 || columnsA == 0)
        {
            SetIdentity(u, rowsA);
            SetIdentity(vt, columnsA);
            return;
        }
        int info;
        Count();
        fixed (T* pa = a, ps = s, pu = u, pv = vt)
            info = TMkl.Gesdd(computeVectors ? (byte)'A' : (byte)'N', rowsA, columnsA, pa, rowsA, ps, pu, rowsA, pv, columnsA);
        Check(info, "gesdd");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The SVD did not converge (gesdd info = {info}).");
    }

    /// <summary>
    /// Thin SVD a = U·diag(s)·Vᵀ with U [m, k], s [k], Vᵀ [k, n], k = min(m, n) (LAPACK gesdd, job 'S').
    /// <paramref name="a"/> is overwritten.
    /// </summary>
    internal void ThinSingularValueDecomposition(T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt)
    {
        int k = Math.Min(rowsA, columnsA);
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(k, 1, s, nameof(s));
        Shape(rowsA, k, u, nameof(u));
        Shape(k, columnsA, vt, nameof(vt));
        if (k == 0) return;
        int info;
        Count();
        fixed (T* pa = a, ps = s, pu = u, pv = vt)
            info = TMkl.Gesdd((byte)'S', rowsA, columnsA, pa, rowsA, ps, pu, rowsA, pv, k);
        Check(info, "gesdd");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The SVD did not converge (gesdd info = {info}).");
    }

    public void SvdSolve(T[] a, int rowsA, int columnsA, T[] b, int columnsB, T[] x)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        var s = new T[Math.Min(rowsA, columnsA)];
        var u = new T[rowsA * rowsA];
        var vt = new T[columnsA * columnsA];
        SingularValueDecomposition(true, (T[])a.Clone(), rowsA, columnsA, s, u, vt);
        SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
    }

    public void SvdSolveFactored(int rowsA, int columnsA, T[] s, T[] u, T[] vt, T[] b, int columnsB, T[] x)
    {
        int k = Math.Min(rowsA, columnsA);
        Shape(k, 1, s, nameof(s));
        Shape(rowsA, rowsA, u, nameof(u));
        Shape(columnsA, columnsA, vt, nameof(vt));
        Shape(rowsA, columnsB, b, nameof(b));
        Shape(columnsA, columnsB, x, nameof(x));
        // x = V · diag(1/s) · Uᵀ b, using the first k singular triplets (as MathNet's managed provider does).
        var tmp = new T[columnsA * columnsB];
        Gemm(true, false, k, columnsB, rowsA, T.One, u, rowsA, b, rowsA, T.Zero, tmp, columnsA);
        for (int j = 0; j < columnsB; j++)
            for (int i = 0; i < k; i++)
                tmp[j * columnsA + i] /= s[i];
        Gemm(true, false, columnsA, columnsB, columnsA, T.One, vt, columnsA, tmp, columnsA, T.Zero, x, columnsA);
    }

    // ------------------------------------------------------------------ eigen

    public void EigenDecomp(bool isSymmetric, int order, T[] matrix, T[] matrixEv, Complex[] vectorEv, T[] matrixD)
    {
        Square(order, matrix, nameof(matrix));
        Square(order, matrixEv, nameof(matrixEv));
        Square(order, matrixD, nameof(matrixD));
        ArgumentNullException.ThrowIfNull(vectorEv);
        if (vectorEv.Length != order) throw new ArgumentException($"vectorEv has {vectorEv.Length} elements; expected order = {order}.", nameof(vectorEv));
        if (order == 0) return;
        Array.Clear(matrixD);
        int info;
        if (isSymmetric)
        {
            var w = new T[order];
            Array.Copy(matrix, matrixEv, matrix.Length);
            Count();
            fixed (T* pv = matrixEv, pw = w) info = TMkl.Syevd(order, pv, order, pw);
            Check(info, "syevd");
            if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The symmetric eigen-decomposition did not converge (syevd info = {info}).");
            for (int i = 0; i < order; i++)
            {
                vectorEv[i] = new Complex(double.CreateTruncating(w[i]), 0.0);
                matrixD[i * order + i] = w[i];
            }
            return;
        }

        var work = (T[])matrix.Clone();
        var wr = new T[order];
        var wi = new T[order];
        Count();
        fixed (T* pa = work, pr = wr, pi = wi, pv = matrixEv) info = TMkl.Geev(order, pa, order, pr, pi, pv, order);
        Check(info, "geev");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The eigen-decomposition did not converge (geev info = {info}).");
        for (int i = 0; i < order; i++)
        {
            vectorEv[i] = new Complex(double.CreateTruncating(wr[i]), double.CreateTruncating(wi[i]));
            matrixD[i * order + i] = wr[i];
            // Complex pairs form 2x2 blocks [[re, im], [-im, re]] in the block-diagonal D (MathNet's convention).
            if (wi[i] > T.Zero) matrixD[(i + 1) * order + i] = wi[i];
            else if (wi[i] < T.Zero) matrixD[(i - 1) * order + i] = wi[i];
        }
    }
}
