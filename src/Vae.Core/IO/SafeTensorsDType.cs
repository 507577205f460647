namespace Vae.Core.IO;

/// <summary>Element types of a safetensors file that Vae reads and writes (the format's <c>dtype</c> strings).</summary>
public enum SafeTensorsDType
{
    /// <summary><c>"F32"</c>: IEEE 754 binary32, little-endian.</summary>
    F32,

    /// <summary><c>"F64"</c>: IEEE 754 binary64, little-endian.</summary>
    F64,
}
