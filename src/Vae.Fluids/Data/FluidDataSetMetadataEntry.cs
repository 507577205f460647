namespace Vae.Fluids.Data;

/// <summary>One data set listed in a fluids <c>metadata.json</c> (<see cref="FluidDataSetMetadata"/>).</summary>
/// <param name="Name">The γ in round-trip form (<c>vae fluids sample</c>, e.g. <c>"0.4"</c>) or the family name
/// (<c>vae fluids anomaly-data</c>, e.g. <c>"masked"</c>).</param>
/// <param name="DistancesFile">The distance-matrix file, a bare <c>.npy</c> file name in the data directory.</param>
/// <param name="Count">Number of configurations the metadata declares, ≥ 0.</param>
public sealed record FluidDataSetMetadataEntry(string Name, string DistancesFile, int Count);
