// A fresh console project that consumes the Vae packages from a local feed (see tools/ci/package-smoke.sh).
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;

VaeNumerics.UseBestAvailable();
var a = Matrix<double>.Build.DenseOfArray(new[,] { { 4.0, 1.0 }, { 1.0, 3.0 } });
var x = a.Cholesky().Solve(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { 2.0 } }));
Console.WriteLine(VaeNumerics.Describe());
Console.WriteLine($"x = [{x[0, 0]:F6}, {x[1, 0]:F6}]");
if (Math.Abs(x[0, 0] - 1.0 / 11.0) > 1e-12 || Math.Abs(x[1, 0] - 7.0 / 11.0) > 1e-12)
    throw new InvalidOperationException("package smoke test: wrong solution");
