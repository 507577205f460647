using System.Collections.ObjectModel;

namespace Vae.Core.IO;

/// <summary>
/// An array read from a NumPy <c>.npy</c> file: its shape, element type and the elements in C (row-major) order.
/// </summary>
/// <remarks>
/// Immutable: the element buffer is owned by this object and handed out only as read-only views
/// (<see cref="AsSpan{T}"/>) or fresh copies (<see cref="ToDoubleArray"/>, <see cref="ToArray{T}"/>).
/// </remarks>
public sealed class NpyArray
{
    private readonly Array _data;

    internal NpyArray(NpyDataType dataType, int[] shape, Array data)
    {
        DataType = dataType;
        Shape = new ReadOnlyCollection<int>(shape);
        _data = data;
    }

    /// <summary>The element type stored in the file.</summary>
    public NpyDataType DataType { get; }

    /// <summary>The shape tuple, outermost axis first (C order); empty for a scalar (0-d) array.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long Length => _data.LongLength;

    /// <summary>The elements as a read-only view, in C order.</summary>
    /// <typeparam name="T"><see cref="double"/>, <see cref="float"/>, <see cref="int"/> or <see cref="long"/>, matching <see cref="DataType"/>.</typeparam>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the stored element type.</exception>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
        => _data is T[] typed
            ? typed
            : throw new InvalidOperationException($"The array holds {DataType} elements, not {typeof(T).Name}.");

    /// <summary>A copy of the elements as <typeparamref name="T"/>[] (see <see cref="AsSpan{T}"/>).</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the stored element type.</exception>
    public T[] ToArray<T>() where T : unmanaged => AsSpan<T>().ToArray();

    /// <summary>A copy of the elements converted to <see cref="double"/> (exact for all four element types up to 2⁵³).</summary>
    public double[] ToDoubleArray() => _data switch
    {
        double[] d => (double[])d.Clone(),
        float[] f => Array.ConvertAll(f, v => (double)v),
        int[] i => Array.ConvertAll(i, v => (double)v),
        long[] l => Array.ConvertAll(l, v => (double)v),
        _ => throw new InvalidOperationException($"Unexpected element buffer {_data.GetType().Name}."),
    };
}
