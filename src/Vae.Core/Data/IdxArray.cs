namespace Vae.Core.Data;

/// <summary>
/// The content of an IDX file of unsigned bytes (type code 0x08): its dimensions and a read-only view of its
/// data, row-major as stored in the file.
/// </summary>
/// <remarks>Format: LeCun &amp; Cortes, "THE MNIST DATABASE of handwritten digits", section "FILE FORMATS".</remarks>
internal sealed class IdxArray
{
    private readonly byte[] _content;
    private readonly int _dataOffset;

    internal IdxArray(string source, int[] dimensions, byte[] content, int dataOffset)
    {
        Source = source;
        Dimensions = Array.AsReadOnly(dimensions);
        _content = content;
        _dataOffset = dataOffset;
    }

    /// <summary>Where the array was read from (a path or a resource name), for messages.</summary>
    internal string Source { get; }

    /// <summary>The declared dimensions, outermost first (for MNIST images: <c>[count, rows, columns]</c>).</summary>
    internal IReadOnlyList<int> Dimensions { get; }

    /// <summary>The data bytes after the header; its length is the product of <see cref="Dimensions"/>.</summary>
    internal ReadOnlySpan<byte> Data => _content.AsSpan(_dataOffset);
}
