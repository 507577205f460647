using Vae.Fluids.Data;
using Vae.Core.Collections;

namespace Vae.Fluids.Anomalies;

/// <summary>Distance matrices with a blacked-out block each (<see cref="AnomalyData.Mask"/>).</summary>
/// <param name="Matrices">The masked matrices [count, N, N].</param>
/// <param name="BlockRows">First row r of each block, shape [count].</param>
/// <param name="BlockColumns">First column c of each block, shape [count].</param>
/// <param name="BlockSize">Side s of the blocks.</param>
public sealed record MaskedMatrices(DistanceMatrixSet Matrices, IReadOnlyList<int> BlockRows, IReadOnlyList<int> BlockColumns, int BlockSize)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> BlockRows { get => _blockRows; init => _blockRows = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _blockRows = ValueList.Copy(BlockRows);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> BlockColumns { get => _blockColumns; init => _blockColumns = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _blockColumns = ValueList.Copy(BlockColumns);
}
