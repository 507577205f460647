using Vae.Core.IO;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Data;

/// <summary>
/// Writes and reads the fluids data sets as NumPy files: coordinates [count, N, 2] (<c>&lt;f8</c>) and distance
/// matrices [count, N, N] (<c>&lt;f4</c>), both with the particles of each configuration in the canonical order of
/// <see cref="DistanceMatrix"/> (ascending y, then x), so row i of a matrix is particle i of the coordinates.
/// </summary>
/// <remarks>
/// Distances are single precision because the convolutional VAE consumes them as such and it halves the file
/// (36 MB per 10 000 configurations of 30 particles); coordinates stay double precision, from which exact distances
/// can be recomputed. Each file is written to a temporary name and renamed (<see cref="AtomicFile"/>), so an
/// interrupted run leaves no partial file under a final name.
/// </remarks>
public static class FluidDataSet
{
    /// <summary>Writes <c>{stem}_coordinates.npy</c> and <c>{stem}_distances.npy</c> into <paramref name="directory"/>.</summary>
    /// <param name="directory">An existing directory.</param>
    /// <param name="stem">File name prefix, e.g. <c>gamma_0.4</c>.</param>
    /// <param name="samples">The configurations (N ≥ 2).</param>
    /// <returns>The file names and sizes.</returns>
    /// <exception cref="ArgumentException"><paramref name="samples"/> has fewer than 2 particles or <paramref name="stem"/> is empty.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static DataSetFiles Write(string directory, string stem, MetropolisSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return Write(directory, stem, ConfigurationSet.FromSamples(samples));
    }

    /// <summary>Writes a configuration set (e.g. an anomaly family) like <see cref="Write(string, string, MetropolisSamples)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="configurations"/> has fewer than 2 particles or <paramref name="stem"/> is empty.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static DataSetFiles Write(string directory, string stem, ConfigurationSet configurations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        ArgumentNullException.ThrowIfNull(configurations);
        if (configurations.Particles < 2)
            throw new ArgumentException($"A data set needs N ≥ 2 particles per configuration; got N = {configurations.Particles}.", nameof(configurations));
        var (coordinates, distances) = SortedArrays(configurations.Coordinates, configurations.Count, configurations.Particles);
        return WriteSorted(directory, stem, coordinates, distances, configurations.Count, configurations.Particles);
    }

    /// <summary>Writes already sorted coordinates and distances (see <see cref="SortedArrays"/>).</summary>
    internal static DataSetFiles WriteSorted(string directory, string stem, double[] coordinates, float[] distances, int count, int n)
    {
        var files = new DataSetFiles($"{stem}_coordinates.npy", $"{stem}_distances.npy", count, n);
        Npy.Write<double>(Path.Combine(directory, files.CoordinatesFile), coordinates, [count, n, 2]);
        Npy.Write<float>(Path.Combine(directory, files.DistancesFile), distances, [count, n, n]);
        return files;
    }

    /// <summary>
    /// Reads a distance-matrix file written by <see cref="Write(string, string, ConfigurationSet)"/> (or any
    /// <c>&lt;f4</c>/<c>&lt;f8</c> array [count, N, N]) and checks that every matrix is a distance matrix: finite,
    /// non-negative, zero diagonal and symmetric, the last two to within <see cref="ReadTolerance"/>·max(1, |d_ij|).
    /// Masked matrices (blocks set to 0 symmetrically) pass.
    /// </summary>
    /// <returns>Distances as single precision, [count, N, N] row-major.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid .npy file, holds integers, its shape is not
    /// [count, N, N], or a matrix is not a distance matrix; the message names the file, the matrix and the entry.</exception>
    public static DistanceMatrixSet ReadDistances(string path)
    {
        var array = Npy.Read(path);
        if (array.DataType is not (NpyDataType.Float32 or NpyDataType.Float64))
            throw new InvalidDataException($"'{path}' holds {array.DataType} values; distance matrices must be floating point (<f4 or <f8).");
        if (array.Shape.Count != 3 || array.Shape[1] != array.Shape[2])
            throw new InvalidDataException($"'{path}' has shape ({string.Join(", ", array.Shape)}); expected (count, N, N).");
        var values = array.DataType == NpyDataType.Float32
            ? array.ToArray<float>()
            : Array.ConvertAll(array.ToDoubleArray(), v => (float)v);
        int count = array.Shape[0], n = array.Shape[1];
        for (int k = 0; k < count; k++)
        {
            var m = values.AsSpan(k * n * n, n * n);
            string Where(int e) => $"'{path}': matrix {k}, entry ({e / n}, {e % n}) = {values[k * n * n + e]}";
            for (int e = 0; e < m.Length; e++)
            {
                if (!float.IsFinite(m[e])) throw new InvalidDataException($"{Where(e)} is not finite.");
                if (m[e] < 0) throw new InvalidDataException($"{Where(e)} is negative.");
            }
            for (int i = 0; i < n; i++)
            {
                if (m[i * n + i] > ReadTolerance) throw new InvalidDataException($"{Where(i * n + i)} is on the diagonal and not 0.");
                for (int j = i + 1; j < n; j++)
                    if (Math.Abs(m[i * n + j] - m[j * n + i]) > ReadTolerance * Math.Max(1, m[i * n + j]))
                        throw new InvalidDataException($"{Where(i * n + j)} differs from entry ({j}, {i}) = {m[j * n + i]}: the matrix is not symmetric.");
            }
        }
        return new DistanceMatrixSet(values, count, n);
    }

    /// <summary>Relative tolerance of the symmetry and zero-diagonal checks of <see cref="ReadDistances"/> (single precision: 1e-6).</summary>
    public const double ReadTolerance = 1e-6;

    /// <summary>Sorts every configuration canonically and computes its distance matrix (in parallel, deterministic).</summary>
    internal static (double[] Coordinates, float[] Distances) SortedArrays(ReadOnlyMemory<double> coordinates, int count, int n)
    {
        var sorted = new double[(long)count * n * 2];
        var distances = new float[(long)count * n * n];
        Parallel.For(0, count, () => (new double[n], new double[n], new int[n]), (k, _, scratch) =>
        {
            DistanceMatrix.SortedInto(coordinates.Span.Slice(k * n * 2, n * 2), sorted.AsSpan(k * n * 2, n * 2),
                distances.AsSpan(k * n * n, n * n), scratch.Item1, scratch.Item2, scratch.Item3);
            return scratch;
        }, _ => { });
        return (sorted, distances);
    }
}
