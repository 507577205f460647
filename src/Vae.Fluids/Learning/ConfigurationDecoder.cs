using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Fluids.Learning;

/// <summary>
/// The decoder of <see cref="FluidDecoder.Configuration"/>: z <c>[batch, k]</c> → [Linear, ReLU]* → Linear →
/// 2-D coordinates <c>[batch, N, 2]</c> (σ) → their Euclidean distance matrix <c>[batch, 1, N, N]</c>, mapped to the
/// model's normalised input units with the training normalisation. Every output is therefore an exact 2-D Euclidean
/// distance matrix (symmetric, zero diagonal, classical MDS stress 0) in the decoder's own particle order.
/// </summary>
/// <remarks>Children <c>0</c>, <c>1</c>, … as in <c>nn.Sequential</c>; the normalisation is held as constants, not
/// parameters (it is saved in <c>normalization.npy</c>).</remarks>
internal sealed class ConfigurationDecoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Added to squared distances before the square root, σ²: keeps the gradient finite for coinciding particles.</summary>
    private const double SquaredDistanceFloor = 1e-12;

    private readonly nn.Module<Tensor, Tensor>[] _layers;
    private readonly double[] _offset;
    private readonly double[] _scale;
    private readonly double[] _offDiagonal;

    internal ConfigurationDecoder(int latentSize, IReadOnlyList<int> hiddenSizes, FluidInputNormalization normalization) : base(nameof(ConfigurationDecoder))
    {
        Particles = normalization.Particles;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        long features = latentSize;
        foreach (var h in hiddenSizes)
        {
            layers.Add(nn.Linear(features, h));
            layers.Add(nn.ReLU());
            features = h;
        }
        layers.Add(nn.Linear(features, 2L * Particles));
        _layers = layers.ToArray();
        for (int i = 0; i < _layers.Length; i++) register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
        int d = Particles * Particles;
        _offset = normalization.Offset.ToArray();
        _scale = normalization.Scale.ToArray();
        _offDiagonal = Enumerable.Range(0, d).Select(e => e / Particles == e % Particles ? 0.0 : 1.0).ToArray();
    }

    /// <summary>Particles N.</summary>
    internal int Particles { get; }

    /// <summary>Decoded coordinates <c>[batch, N, 2]</c>, σ, in the decoder's frame (any rotation, reflection and translation).</summary>
    internal Tensor Coordinates(Tensor z)
    {
        var h = z;
        foreach (var layer in _layers) h = layer.call(h);
        return h.view(-1, Particles, 2);
    }

    /// <summary>Euclidean distance matrices of coordinates <c>[batch, N, 2]</c> → <c>[batch, N, N]</c>, σ, diagonal exactly 0.</summary>
    internal Tensor Distances(Tensor coordinates)
    {
        var difference = coordinates.unsqueeze(2) - coordinates.unsqueeze(1);
        return difference.square().sum(-1).add(SquaredDistanceFloor).sqrt().mul(Constant(_offDiagonal, [Particles, Particles], coordinates));
    }

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        int n = Particles;
        var distances = Distances(Coordinates(z)).reshape(-1, n * n);
        return distances.sub(Constant(_offset, [1, n * n], z)).mul(Constant(_scale, [1, n * n], z)).view(-1, 1, n, n).MoveToOuterDisposeScope();
    }

    /// <summary>A constant of the model's (held as managed values) as a tensor of <paramref name="like"/>'s dtype and device.</summary>
    internal static Tensor Constant(double[] values, long[] shape, Tensor like) => tensor(values, shape).to(like.dtype, like.device);
}
