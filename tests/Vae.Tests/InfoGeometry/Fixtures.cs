using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;

namespace Vae.Tests.InfoGeometry;

/// <summary>Loads the committed reference fixtures of tests/Vae.Tests/Fixtures/infogeometry (see tools/reference).</summary>
internal static class Fixtures
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal static T Load<T>(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "infogeometry", name);
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
               ?? throw new InvalidDataException($"{path} is empty.");
    }

    internal static Matrix<double> Matrix(double[][] rows) => Matrix<double>.Build.DenseOfRowArrays(rows);
}
