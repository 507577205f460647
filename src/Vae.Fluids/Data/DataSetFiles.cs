namespace Vae.Fluids.Data;

/// <summary>What <see cref="FluidDataSet.Write(string, string, ConfigurationSet)"/> wrote for one set of samples.</summary>
/// <param name="CoordinatesFile">File name (in the output directory) of the coordinates, <c>&lt;f8</c> [count, N, 2], σ.</param>
/// <param name="DistancesFile">File name of the distance matrices, <c>&lt;f4</c> [count, N, N], σ.</param>
/// <param name="Count">Number of configurations.</param>
/// <param name="Particles">Particles per configuration N.</param>
public sealed record DataSetFiles(string CoordinatesFile, string DistancesFile, int Count, int Particles);
