using Vae.Fluids.Data;

namespace Vae.Fluids.Anomalies;

/// <summary>Distance matrices with a blacked-out block each (<see cref="AnomalyData.Mask"/>).</summary>
/// <param name="Matrices">The masked matrices [count, N, N].</param>
/// <param name="BlockRows">First row r of each block, shape [count].</param>
/// <param name="BlockColumns">First column c of each block, shape [count].</param>
/// <param name="BlockSize">Side s of the blocks.</param>
public sealed record MaskedMatrices(DistanceMatrixSet Matrices, IReadOnlyList<int> BlockRows, IReadOnlyList<int> BlockColumns, int BlockSize);
