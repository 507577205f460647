using System.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Complex = System.Numerics.Complex;

namespace Vae.Core.Numerics.Mkl;

// LU (getrf/getri/getrs) and Cholesky (potrf/potrs) members of the MKL provider.
internal sealed unsafe partial class MklRealProvider<T, TMkl>
{
    // ------------------------------------------------------------------ LU

    public void LUFactor(T[] data, int order, int[] ipiv)
    {
        Square(order, data, nameof(data));
        ArgumentNullException.ThrowIfNull(ipiv);
        if (ipiv.Length != order) throw new ArgumentException($"ipiv has {ipiv.Length} elements; expected order = {order}.", nameof(ipiv));
        if (order == 0) return;
        int info;
        Count();
        fixed (T* a = data) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, a, order, p);
        Check(info, "getrf");
        for (int i = 0; i < order; i++) ipiv[i] -= 1; // LAPACK pivots are 1-based, MathNet's 0-based
        // info > 0 means U is exactly singular; the factorisation itself is still valid (determinant 0).
    }

    public void LUInverse(T[] a, int order)
    {
        Square(order, a, nameof(a));
        if (order == 0) return;
        var ipiv = new int[order];
        int info;
        Count();
        fixed (T* pa = a) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, pa, order, p);
        Check(info, "getrf");
        RequireNonsingular(a, order, nameof(a));
        fixed (T* pa = a) fixed (int* p = ipiv) info = TMkl.Getri(order, pa, order, p);
        Check(info, "getri");
    }

    public void LUInverseFactored(T[] a, int order, int[] ipiv)
    {
        Square(order, a, nameof(a));
        var pivots = OneBased(ipiv, order);
        if (order == 0) return;
        RequireNonsingular(a, order, nameof(a));
        int info;
        Count();
        fixed (T* pa = a) fixed (int* p = pivots) info = TMkl.Getri(order, pa, order, p);
        Check(info, "getri");
    }

    public void LUSolve(int columnsOfB, T[] a, int order, T[] b)
    {
        Square(order, a, nameof(a));
        Shape(order, columnsOfB, b, nameof(b));
        Distinct(a, b);
        if (order == 0 || columnsOfB == 0) return;
        var lu = (T[])a.Clone();
        var ipiv = new int[order];
        int info;
        Count();
        fixed (T* pa = lu) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, pa, order, p);
        Check(info, "getrf");
        RequireNonsingular(lu, order, nameof(a));
        fixed (T* pa = lu, pb = b) fixed (int* p = ipiv) info = TMkl.Getrs(order, columnsOfB, pa, order, p, pb, order);
        Check(info, "getrs");
    }

    public void LUSolveFactored(int columnsOfB, T[] a, int order, int[] ipiv, T[] b)
    {
        Square(order, a, nameof(a));
        Shape(order, columnsOfB, b, nameof(b));
        Distinct(a, b);
        var pivots = OneBased(ipiv, order);
        if (order == 0 || columnsOfB == 0) return;
        RequireNonsingular(a, order, nameof(a));
        int info;
        Count();
        fixed (T* pa = a, pb = b) fixed (int* p = pivots) info = TMkl.Getrs(order, columnsOfB, pa, order, p, pb, order);
        Check(info, "getrs");
    }

    // ------------------------------------------------------------------ Cholesky

    public void CholeskyFactor(T[] a, int order)
    {
        Square(order, a, nameof(a));
        if (order == 0) return;
        int info;
        Count();
        fixed (T* pa = a) info = TMkl.Potrf(order, pa, order);
        Check(info, "potrf");
        if (info > 0) throw NotPositiveDefinite(info, nameof(a));
        for (int j = 1; j < order; j++) Array.Clear(a, j * order, j); // zero the strict upper triangle
    }

    public void CholeskySolve(T[] a, int orderA, T[] b, int columnsB)
    {
        Square(orderA, a, nameof(a));
        Shape(orderA, columnsB, b, nameof(b));
        Distinct(a, b);
        if (orderA == 0 || columnsB == 0) return;
        var factor = (T[])a.Clone();
        int info;
        Count();
        fixed (T* pa = factor) info = TMkl.Potrf(orderA, pa, orderA);
        Check(info, "potrf");
        if (info > 0) throw NotPositiveDefinite(info, nameof(a));
        fixed (T* pa = factor, pb = b) info = TMkl.Potrs(orderA, columnsB, pa, orderA, pb, orderA);
        Check(info, "potrs");
    }

    public void CholeskySolveFactored(T[] a, int orderA, T[] b, int columnsB)
    {
        Square(orderA, a, nameof(a));
        Shape(orderA, columnsB, b, nameof(b));
        Distinct(a, b);
        if (orderA == 0 || columnsB == 0) return;
        int info;
        Count();
        fixed (T* pa = a, pb = b) info = TMkl.Potrs(orderA, columnsB, pa, orderA, pb, orderA);
        Check(info, "potrs");
    }
}
