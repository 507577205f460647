namespace Vae.Core.IO;

/// <summary>The element types of NumPy <c>.npy</c> files that <see cref="Npy"/> reads and writes (all little-endian).</summary>
public enum NpyDataType
{
    /// <summary>64-bit IEEE float, NumPy descr <c>'&lt;f8'</c> (<c>float64</c>).</summary>
    Float64,

    /// <summary>32-bit IEEE float, NumPy descr <c>'&lt;f4'</c> (<c>float32</c>).</summary>
    Float32,

    /// <summary>32-bit signed integer, NumPy descr <c>'&lt;i4'</c> (<c>int32</c>).</summary>
    Int32,

    /// <summary>64-bit signed integer, NumPy descr <c>'&lt;i8'</c> (<c>int64</c>).</summary>
    Int64,
}
