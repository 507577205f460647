using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Fluids.Learning;

/// <summary>
/// The likelihood of <see cref="FluidDecoder.Configuration"/>: a Gaussian of fixed variance s² on the <b>sorted</b>
/// pair distances, log p(x|z) = −½ Σ<sub>m</sub> (d<sub>(m)</sub>(x) − d<sub>(m)</sub>(z))² / s² − (M/2) log 2πs², where
/// d<sub>(1)</sub> ≤ … ≤ d<sub>(M)</sub> are the M = N(N − 1)/2 distances i &lt; j in σ, of the input and of the decoded
/// configuration. The sorted list is invariant under any relabelling of the particles and any rigid motion, so the model
/// never has to reproduce the data sets' height order (docs/fluids.md §9: an order that a 0.01σ move can change), and it
/// determines a generic planar configuration up to congruence (Boutin &amp; Kemper 2004, Adv. Appl. Math. 32, 709).
/// It is a density of the sorted distances, not of the N² matrix entries.
/// </summary>
/// <remarks>Inputs and decoder outputs arrive in the model's normalised units (<see cref="FluidInputNormalization"/>)
/// and are mapped back to σ with its constants.</remarks>
internal sealed class SortedDistanceLikelihood : Core.Models.Likelihood
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private readonly double _logVariance;
    private readonly long[] _upper;
    private readonly double[] _offset;
    private readonly double[] _scale;

    internal SortedDistanceLikelihood(FluidInputNormalization normalization, double logVariance) : base(nameof(SortedDistanceLikelihood))
    {
        if (!double.IsFinite(logVariance)) throw new ArgumentOutOfRangeException(nameof(logVariance), logVariance, "logVariance must be finite.");
        _logVariance = logVariance;
        int n = normalization.Particles;
        var upper = new List<long>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) upper.Add((long)i * n + j);
        _upper = upper.ToArray();
        var offset = normalization.Offset;
        var scale = normalization.Scale;
        _offset = _upper.Select(e => offset[(int)e]).ToArray();
        _scale = _upper.Select(e => scale[(int)e]).ToArray();
    }

    /// <summary>Sorted pair distances in σ of rows in normalised units: <c>[rows, N²]</c> → <c>[rows, M]</c>.</summary>
    internal Tensor SortedDistances(Tensor normalised) =>
        normalised.index_select(1, tensor(_upper, device: normalised.device))
            .div(ConfigurationDecoder.Constant(_scale, [1, _upper.Length], normalised))
            .add(ConfigurationDecoder.Constant(_offset, [1, _upper.Length], normalised)).sort(1).Values;

    /// <inheritdoc />
    public override Tensor LogProbability(Tensor x, Tensor output)
    {
        using var scope = NewDisposeScope();
        var difference = SortedDistances(x) - SortedDistances(output);
        return difference.square().sum(1).mul(-0.5 * Math.Exp(-_logVariance)).sub(0.5 * _upper.Length * (_logVariance + Log2Pi)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Mean(Tensor output) => output.alias();
}
