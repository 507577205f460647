using System.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Complex = System.Numerics.Complex;

namespace Vae.Core.Numerics.Mkl;

// QR members of the MKL provider: geqrf/orgqr factorisations, gels and ormqr + trsm solves.
internal sealed unsafe partial class MklRealProvider<T, TMkl>
{
    // ------------------------------------------------------------------ QR

    public void QRFactor(T[] r, int rowsR, int columnsR, T[] q, T[] tau)
    {
        Shape(rowsR, columnsR, r, nameof(r));
        Shape(rowsR, rowsR, q, nameof(q));
        ArgumentNullException.ThrowIfNull(tau);
        int k = Math.Min(rowsR, columnsR);
        if (tau.Length < k) throw new ArgumentException($"tau has {tau.Length} elements; expected at least min(m, n) = {k}.", nameof(tau));
        if (rowsR == 0) return;
        int info;
        Count();
        fixed (T* pr = r, pt = tau) info = TMkl.Geqrf(rowsR, columnsR, pr, rowsR, pt);
        Check(info, "geqrf");
        // r keeps R on and above the diagonal and the Householder vectors below it (used by QRSolveFactored).
        Array.Clear(q);
        for (int j = 0; j < k; j++)
            Array.Copy(r, j * rowsR + j + 1, q, j * rowsR + j + 1, rowsR - j - 1);
        fixed (T* pq = q, pt = tau) info = TMkl.Orgqr(rowsR, rowsR, k, pq, rowsR, pt);
        Check(info, "orgqr");
    }

    public void ThinQRFactor(T[] a, int rowsA, int columnsA, T[] r, T[] tau)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(columnsA, columnsA, r, nameof(r));
        ArgumentNullException.ThrowIfNull(tau);
        if (rowsA < columnsA) throw new ArgumentException($"A thin QR needs rows >= columns; a is {rowsA}x{columnsA}.", nameof(a));
        if (tau.Length < columnsA) throw new ArgumentException($"tau has {tau.Length} elements; expected at least {columnsA}.", nameof(tau));
        if (columnsA == 0) return;
        int info;
        Count();
        fixed (T* pa = a, pt = tau) info = TMkl.Geqrf(rowsA, columnsA, pa, rowsA, pt);
        Check(info, "geqrf");
        Array.Clear(r);
        for (int j = 0; j < columnsA; j++)
            Array.Copy(a, j * rowsA, r, j * columnsA, j + 1);
        fixed (T* pa = a, pt = tau) info = TMkl.Orgqr(rowsA, columnsA, columnsA, pa, rowsA, pt);
        Check(info, "orgqr");
    }

    public void QRSolve(T[] a, int rows, int columns, T[] b, int columnsB, T[] x, QRMethod method = QRMethod.Full)
    {
        Shape(rows, columns, a, nameof(a));
        Shape(rows, columnsB, b, nameof(b));
        Shape(columns, columnsB, x, nameof(x));
        if (rows < columns) throw new ArgumentException($"A QR solve needs rows >= columns; a is {rows}x{columns}.", nameof(a));
        if (columns == 0 || columnsB == 0) return;
        var qr = (T[])a.Clone();
        var rhs = (T[])b.Clone();
        int info;
        Count();
        fixed (T* pa = qr, pb = rhs) info = TMkl.Gels(rows, columns, columnsB, pa, rows, pb, rows);
        Check(info, "gels");
        if (info > 0) throw new ArgumentException($"The matrix is rank deficient: R[{info - 1},{info - 1}] = 0, so the least-squares solution is not unique.", nameof(a));
        CopyLeadingRows(rhs, rows, columns, columnsB, x);
    }

    public void QRSolveFactored(T[] q, T[] r, int rowsA, int columnsA, T[] tau, T[] b, int columnsB, T[] x, QRMethod method = QRMethod.Full)
    {
        bool full = method == QRMethod.Full;
        Shape(rowsA, full ? rowsA : columnsA, q, nameof(q));
        Shape(full ? rowsA : columnsA, columnsA, r, nameof(r));
        Shape(rowsA, columnsB, b, nameof(b));
        Shape(columnsA, columnsB, x, nameof(x));
        if (rowsA < columnsA) throw new ArgumentException($"A QR solve needs rows >= columns; A is {rowsA}x{columnsA}.", nameof(rowsA));
        if (columnsA == 0 || columnsB == 0) return;
        int info;
        if (full)
        {
            ArgumentNullException.ThrowIfNull(tau);
            var rhs = (T[])b.Clone();
            Count();
            fixed (T* pr = r, pt = tau, pb = rhs) info = TMkl.OrmqrLeftTranspose(rowsA, columnsB, columnsA, pr, rowsA, pt, pb, rowsA);
            Check(info, "ormqr");
            fixed (T* pr = r, pb = rhs) TMkl.TrsmLeftUpper(columnsA, columnsB, pr, rowsA, pb, rowsA);
            CopyLeadingRows(rhs, rowsA, columnsA, columnsB, x);
        }
        else
        {
            // Thin: q is the explicit [rowsA, columnsA] Q and r the [columnsA, columnsA] R: x = R⁻¹ (Qᵀ b).
            Gemm(true, false, columnsA, columnsB, rowsA, T.One, q, rowsA, b, rowsA, T.Zero, x, columnsA);
            Count();
            fixed (T* pr = r, px = x) TMkl.TrsmLeftUpper(columnsA, columnsB, pr, columnsA, px, columnsA);
        }
    }
}
