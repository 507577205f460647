using System.Buffers.Binary;

namespace Vae.Core.IO;

/// <summary>One named tensor of a safetensors file: dtype, shape (row-major) and values.</summary>
/// <remarks>Factories copy their input; the accessors return fresh arrays.</remarks>
public sealed class SafeTensorsEntry
{
    private readonly byte[] _data; // little-endian

    private SafeTensorsEntry(string name, SafeTensorsDType dtype, int[] shape, byte[] data)
    {
        Name = name;
        DType = dtype;
        _shape = shape;
        _data = data;
    }

    private readonly int[] _shape;

    /// <summary>The tensor's name (key in the header), e.g. <c>encoder.1.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Element type in the file.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>Shape, row-major (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape => Array.AsReadOnly(_shape);

    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public int Length => _shape.Aggregate(1, (a, b) => a * b);

    internal int ElementSize => DType == SafeTensorsDType.F32 ? 4 : 8;

    internal ReadOnlySpan<byte> Bytes => _data;

    /// <summary>An F32 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the value count differs from the shape's product.</exception>
    public static SafeTensorsEntry FromSingle(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values)
    {
        var s = Check(name, shape, values.Length);
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        return new SafeTensorsEntry(name, SafeTensorsDType.F32, s, data);
    }

    /// <summary>An F64 tensor holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the value count differs from the shape's product.</exception>
    public static SafeTensorsEntry FromDouble(string name, IReadOnlyList<int> shape, ReadOnlySpan<double> values)
    {
        var s = Check(name, shape, values.Length);
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
        return new SafeTensorsEntry(name, SafeTensorsDType.F64, s, data);
    }

    /// <summary>The values as single precision (F64 values are rounded).</summary>
    public float[] ToSingleArray()
    {
        var result = new float[Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = DType == SafeTensorsDType.F32 ? BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(4 * i)) : (float)BinaryPrimitives.ReadDoubleLittleEndian(_data.AsSpan(8 * i));
        return result;
    }

    /// <summary>The values as double precision (F32 values are widened exactly).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = DType == SafeTensorsDType.F32 ? BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(4 * i)) : BinaryPrimitives.ReadDoubleLittleEndian(_data.AsSpan(8 * i));
        return result;
    }

    internal static SafeTensorsEntry FromBytes(string name, SafeTensorsDType dtype, int[] shape, byte[] data) => new(name, dtype, shape, data);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {DType} [{string.Join(", ", _shape)}]";

    private static int[] Check(string name, IReadOnlyList<int> shape, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0)) throw new ArgumentException($"Shape [{string.Join(", ", shape)}] of '{name}' has a negative dimension.", nameof(shape));
        long product = shape.Aggregate(1L, (a, b) => a * b);
        if (product != count) throw new ArgumentException($"'{name}' has {count} values; shape [{string.Join(", ", shape)}] needs {product}.", nameof(shape));
        return shape.ToArray();
    }
}
