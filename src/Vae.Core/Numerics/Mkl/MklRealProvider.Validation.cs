using System.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Complex = System.Numerics.Complex;

namespace Vae.Core.Numerics.Mkl;

// Argument checks and small array helpers of the MKL provider.
internal sealed unsafe partial class MklRealProvider<T, TMkl>
{
    // ------------------------------------------------------------------ helpers

    private static void Check(int info, string routine)
    {
        if (info < 0)
            throw new ArgumentException($"MKL {routine} rejected argument {-info} (LAPACK info = {info}).");
    }

    private static ArgumentException NotPositiveDefinite(int info, string parameter) =>
        new($"The matrix is not symmetric positive definite: its leading minor of order {info} is not positive, so no Cholesky factor exists.", parameter);

    /// <summary>Throws when the LU factor stored in <paramref name="lu"/> has an exactly zero pivot.</summary>
    private static void RequireNonsingular(T[] lu, int order, string parameter)
    {
        for (int i = 0; i < order; i++)
            if (lu[i * order + i] == T.Zero)
                throw new ArgumentException($"The matrix is singular: U[{i},{i}] = 0 in its LU factorisation, so it has no inverse and A·X = B no unique solution.", parameter);
    }

    private static int[] OneBased(int[] ipiv, int order)
    {
        ArgumentNullException.ThrowIfNull(ipiv);
        if (ipiv.Length != order) throw new ArgumentException($"ipiv has {ipiv.Length} elements; expected order = {order}.", nameof(ipiv));
        var pivots = new int[order];
        for (int i = 0; i < order; i++) pivots[i] = ipiv[i] + 1;
        return pivots;
    }

    private static void CopyLeadingRows(T[] source, int rows, int columns, int columnsB, T[] x)
    {
        for (int j = 0; j < columnsB; j++)
            Array.Copy(source, j * rows, x, j * columns, columns);
    }

    private static void SetIdentity(T[] a, int order)
    {
        Array.Clear(a);
        for (int i = 0; i < order; i++) a[i * order + i] = T.One;
    }

    private static void Shape(int rows, int columns, T[] array, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (rows < 0) throw new ArgumentOutOfRangeException(name, rows, "The number of rows must be non-negative.");
        if (columns < 0) throw new ArgumentOutOfRangeException(name, columns, "The number of columns must be non-negative.");
        if (array.Length != rows * columns)
            throw new ArgumentException($"{name} has {array.Length} elements; a {rows}x{columns} matrix needs {rows * columns}.", name);
    }

    private static void Square(int order, T[] array, string name) => Shape(order, order, array, name);

    private static void Distinct(T[] a, T[] b)
    {
        if (ReferenceEquals(a, b)) throw new ArgumentException("The matrix and the right-hand side must be different arrays.", nameof(b));
    }

    private static void SameLength(T[] x, T[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"The arrays must have the same length; got {x.Length} and {y.Length}.", nameof(y));
    }

    private static void SameLength(T[] x, T[] y, T[] result)
    {
        SameLength(x, y);
        SameLength(x, result);
    }
}
