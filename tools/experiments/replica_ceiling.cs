// How far can any assignment of the Fig. 2 codes agree across VAE replicas? (docs/quantum.md §12, issue 12's replica target.)
// For base seed s (default 0 and 1), k = 2..5: the Fig. 2 data with seed s and five VAEs with seeds s..s+4 (what
// Figure2.Replicas builds). On each replica's 2-D codes, the label-informed ("oracle") assignment: quadratic discriminant
// analysis fitted with the TRUE labels on all points and applied to the same points (resubstitution: optimistic), i.e.
// the best Gaussian-class partition of that replica's codes. Its ARI against the truth says how well the replica's codes
// separate the classes at all; the pairwise ARI of the five oracle assignments says how far assignments that know the
// labels agree across replicas — a ceiling, in practice, for an unsupervised method that must find them.
// Not a proof: two unsupervised partitions could agree with each other on something other than the classes.
// A .NET file-based app; run from the repository root (about 2 minutes on 2 cores):
//     nice -n 19 dotnet run -c Release tools/experiments/replica_ceiling.cs [base seeds…]
#:project ../../src/Vae.Reproduce/Vae.Reproduce.csproj

using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Metrics;
using Vae.Core.Numerics;
using Vae.Reproduce.QuantumPaper;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });

int[] baseSeeds = args.Length > 0 ? args.Select(int.Parse).ToArray() : [0, 1];
const int replicas = 5;

// QDA: per class mean and covariance (maximum likelihood), prior = class share; assign to the largest log posterior.
static int[] Qda(Matrix<double> x, IReadOnlyList<int> labels)
{
    var classes = labels.Distinct().Order().ToArray();
    var fits = classes.Select(c =>
    {
        var rows = Enumerable.Range(0, x.RowCount).Where(i => labels[i] == c).ToArray();
        var points = Matrix<double>.Build.DenseOfRowVectors(rows.Select(x.Row));
        var mean = points.ColumnSums() / rows.Length;
        var centred = points - Matrix<double>.Build.Dense(rows.Length, x.ColumnCount, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / rows.Length;
        var cholesky = covariance.Cholesky();
        return (Class: c, Mean: mean, Cholesky: cholesky, LogDet: cholesky.DeterminantLn, LogPrior: Math.Log((double)rows.Length / x.RowCount));
    }).ToArray();
    return Enumerable.Range(0, x.RowCount).Select(i =>
    {
        var row = x.Row(i);
        return fits.MaxBy(f =>
        {
            var d = row - f.Mean;
            return f.LogPrior - 0.5 * f.LogDet - 0.5 * d.DotProduct(f.Cholesky.Solve(d));
        }).Class;
    }).ToArray();
}

// Leave-one-out k-NN: the most frequent true label among the K nearest other points (ties: the smaller label).
static int[] NearestNeighbours(Matrix<double> x, IReadOnlyList<int> labels, int neighbours)
{
    int n = x.RowCount;
    return Enumerable.Range(0, n).Select(i =>
    {
        var nearest = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => (x.Row(i) - x.Row(j)).L2Norm()).ThenBy(j => j).Take(neighbours);
        return nearest.GroupBy(j => labels[j]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }).ToArray();
}

var oracles = new (string Name, Func<Matrix<double>, IReadOnlyList<int>, int[]> Assign)[]
{
    ("QDA with the true labels", Qda),
    ("15-NN with the true labels (leave-one-out)", (x, labels) => NearestNeighbours(x, labels, 15)),
};
Console.WriteLine("| oracle | base seed | k | oracle ARI vs truth, 5 VAEs (min–max) | pairwise ARI of the oracle assignments (mean, min–max) | pairs ≥ 0.9 |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var seed in baseSeeds)
{
    var options = Figure2Options.Default with { Seed = seed };
    foreach (var k in new[] { 2, 3, 4, 5 })
    {
        var data = Figure2.Data(k, options);
        var codes = Enumerable.Range(0, replicas).Select(r => Figure2.Codes(data, options, seed + r)).ToArray();
        foreach (var (name, assign) in oracles)
        {
            var oracle = codes.Select(c => assign(c, data.Labels)).ToArray();
            var truth = oracle.Select(o => Clustering.AdjustedRandIndex(data.Labels, o)).ToArray();
            var pairs = (from a in Enumerable.Range(0, replicas) from b in Enumerable.Range(a + 1, replicas - a - 1)
                         select Clustering.AdjustedRandIndex(oracle[a], oracle[b])).ToArray();
            Console.WriteLine($"| {name} | {seed} | {k} | {truth.Average():F3} ({truth.Min():F3}–{truth.Max():F3}) | {pairs.Average():F3} ({pairs.Min():F3}–{pairs.Max():F3}) | {pairs.Count(p => p >= 0.9)} of {pairs.Length} |");
        }
    }
}
