using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Vae.Core.Torch;
using Vae.Core.Training;
using static TorchSharp.torch;

namespace Vae.Quantum.Spectrum;

/// <summary>
/// The paper's ψ_n network (Andrés-Terré &amp; Lió §2): an MLP from a latent code z (d_z inputs) to ψ, trained to
/// minimise the mean over samples of L(ψ, z) = E⁰ + E¹ = α n² + E¹(n), where n = (L/π) arcsin(Lψ²/2)/z (L = 1).
/// </summary>
/// <remarks>
/// Choices the paper leaves open (docs/quantum.md §8): z for d_z &gt; 1 (<see cref="LatentCoordinate"/>, default ‖z‖
/// normalised by its maximum over the training codes so the coordinate lies in the unit box (0, 1]; coordinates below
/// 1e-6 are raised to 1e-6), the arcsin domain (<see cref="ArcsinDomain"/>, default ψ = √2 tanh r), and E¹ (the exact
/// real-n first-order energy of <see cref="LevelEnergy"/>, not the printed formula). Engine: TorchSharp (libtorch, CPU):
/// a <c>torch.nn.Sequential</c> of <c>nn.Linear</c>/<c>nn.Tanh</c> in float64 with PyTorch's default initialisation drawn
/// from libtorch's generator seeded with <see cref="PsiNetworkOptions.Seed"/> (the caller's generator state is restored),
/// and <c>torch.optim.Adam</c>. The loss and its gradient with respect to the network outputs are computed per sample
/// in double precision and back-propagated through the network. Deterministic for a fixed seed and libtorch thread
/// count (<c>torch.set_num_threads</c>, process-wide).
/// </remarks>
public sealed class PsiNetwork
{
    private const double MinimumCoordinate = 1e-6;
    private readonly TorchSharp.Modules.Sequential _network;
    private readonly double[] _scale;
    private readonly double[] _loss;

    private PsiNetwork(TorchSharp.Modules.Sequential network, double[] scale, double[] loss, PsiNetworkOptions options, int latentSize)
    {
        _network = network;
        _scale = scale;
        _loss = loss;
        Options = options;
        LatentSize = latentSize;
    }

    /// <summary>The options used for training.</summary>
    public PsiNetworkOptions Options { get; }

    /// <summary>d_z, the number of latent inputs.</summary>
    public int LatentSize { get; }

    /// <summary>Mean training loss E(n) per epoch (a copy).</summary>
    public IReadOnlyList<double> TrainingLoss => Array.AsReadOnly((double[])_loss.Clone());

    /// <summary>Trains the network on latent codes.</summary>
    /// <param name="latent">Codes [samples, d_z] (e.g. VAE posterior means), finite, at least one non-zero.</param>
    /// <param name="options">Hyper-parameters; <see cref="PsiNetworkOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked once per epoch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="latent"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty, non-finite or all-zero codes, or invalid options.</exception>
    /// <exception cref="ArithmeticException">The loss became non-finite.</exception>
    public static PsiNetwork Fit(Matrix<double> latent, PsiNetworkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latent);
        options ??= PsiNetworkOptions.Default;
        options.Validate();
        if (latent.RowCount == 0 || latent.ColumnCount == 0)
            throw new ArgumentException("The latent codes are empty.", nameof(latent));
        if (!latent.Enumerate().All(double.IsFinite))
            throw new ArgumentException("The latent codes contain NaN or an infinity.", nameof(latent));
        int samples = latent.RowCount, size = latent.ColumnCount;
        var scale = options.Coordinate == LatentCoordinate.Norm
            ? [latent.EnumerateRows().Max(r => r.L2Norm())]
            : Enumerable.Range(0, size).Select(j => latent.Column(j).AbsoluteMaximum()).ToArray();
        if (scale.Any(s => !(s > 0)))
            throw new ArgumentException("The latent codes are all zero (in some coordinate); the relation divides by z.", nameof(latent));

        var outputs = options.Coordinate == LatentCoordinate.Norm ? 1 : size;
        var u0 = options.InitialArcsinArgument;
        var bias = options.Domain == ArcsinDomain.Squash ? Math.Atanh(Math.Sqrt(u0)) : Math.Sqrt(2 * u0);
        var network = TorchRuntime.CreateSeeded(options.Seed, () =>
        {
            var layers = new List<nn.Module<Tensor, Tensor>>();
            long width = size;
            foreach (var hidden in options.HiddenSizes)
            {
                layers.Add(nn.Linear(width, hidden));
                layers.Add(nn.Tanh());
                width = hidden;
            }
            layers.Add(nn.Linear(width, outputs));
            return nn.Sequential(layers.ToArray());
        });
        try
        {
            network.to(float64);
            using (no_grad())
            {
                var last = (TorchSharp.Modules.Linear)network[network.Count - 1];
                last.bias!.fill_(bias);
            }
            var model = new PsiNetwork(network, scale, new double[options.Epochs], options, size);
            var adamOptions = AdamOptions.Default with { LearningRate = options.LearningRate };
            using var adam = optim.Adam(network.parameters(), adamOptions.LearningRate, adamOptions.Beta1, adamOptions.Beta2,
                adamOptions.Epsilon, adamOptions.WeightDecay);

            var order = Enumerable.Range(0, samples).ToArray();
            var shuffle = new Random(options.Seed + 1);
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                shuffle.Shuffle(order);
                var total = 0.0;
                for (var start = 0; start < samples; start += options.BatchSize)
                {
                    using var scope = NewDisposeScope();
                    var count = Math.Min(options.BatchSize, samples - start);
                    var rows = order.AsSpan(start, count).ToArray();
                    var input = tensor(model.Inputs(latent, rows), [count, size], float64);
                    var result = network.call(input);
                    var output = result.data<double>().ToArray();
                    var gradient = new double[output.Length];
                    for (var i = 0; i < count; i++)
                    {
                        var sample = model.Evaluate(latent, rows[i], output.AsSpan(i * outputs, outputs), gradient.AsSpan(i * outputs, outputs));
                        total += sample;
                    }
                    for (var k = 0; k < gradient.Length; k++) gradient[k] /= count;
                    adam.zero_grad();
                    result.backward([tensor(gradient, [count, outputs], float64)]);
                    adam.step();
                }
                model._loss[epoch] = total / samples;
                if (!double.IsFinite(model._loss[epoch]))
                    throw new ArithmeticException($"The ψ-network loss became {model._loss[epoch]} at epoch {epoch + 1}.");
            }
            return model;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>ψ, the coordinate, n, E(n) and the level for each code.</summary>
    /// <param name="latent">Codes [samples, d_z], finite. Codes beyond the training codes' largest |code| get a coordinate
    /// z &gt; 1 (<see cref="PsiPrediction.Coordinate"/>), outside the box the network was trained on.</param>
    /// <exception cref="ArgumentException">Wrong column count or non-finite codes.</exception>
    public PsiPrediction Predict(Matrix<double> latent)
    {
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.ColumnCount != LatentSize)
            throw new ArgumentException($"latent has {latent.ColumnCount} columns; the network expects {LatentSize}.", nameof(latent));
        if (!latent.Enumerate().All(double.IsFinite))
            throw new ArgumentException("The latent codes contain NaN or an infinity.", nameof(latent));
        int samples = latent.RowCount, outputs = Options.Coordinate == LatentCoordinate.Norm ? 1 : LatentSize;
        var psi = new double[samples];
        var coordinate = new double[samples];
        var n = new double[samples];
        var energy = new double[samples];
        var level = new int[samples];
        var rows = Enumerable.Range(0, samples).ToArray();
        var output = samples == 0 ? [] : Forward(Inputs(latent, rows), samples);
        for (var i = 0; i < samples; i++)
        {
            var raw = output.AsSpan(i * outputs, outputs);
            double psiSum = 0, zSum = 0, nSum = 0;
            for (var j = 0; j < outputs; j++)
            {
                var (p, z, q, _) = Relation(latent, i, j, raw[j]);
                psiSum += p;
                zSum += z;
                nSum += q;
            }
            psi[i] = psiSum / outputs;
            coordinate[i] = zSum / outputs;
            n[i] = nSum / outputs;
            energy[i] = LevelEnergy.Value(n[i], Options.Alpha, Options.Minima);
            level[i] = (int)Math.Floor(n[i]);
        }
        return new PsiPrediction(Array.AsReadOnly(psi), Array.AsReadOnly(coordinate), Array.AsReadOnly(n), Array.AsReadOnly(energy), Array.AsReadOnly(level));
    }

    /// <summary>The raw network outputs [samples, outputs] (row-major) for inputs [samples, d_z], without gradients.</summary>
    private double[] Forward(double[] inputs, int samples)
    {
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        return _network.call(tensor(inputs, [samples, LatentSize], float64)).data<double>().ToArray();
    }

    private double[] Inputs(Matrix<double> latent, int[] rows)
    {
        var values = new double[rows.Length * LatentSize];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < LatentSize; j++)
                values[i * LatentSize + j] = latent[rows[i], j];
        return values;
    }

    /// <summary>Loss E(n) of one sample and ∂E/∂r_j into <paramref name="gradient"/>.</summary>
    private double Evaluate(Matrix<double> latent, int row, ReadOnlySpan<double> raw, Span<double> gradient)
    {
        var n = 0.0;
        Span<double> dn = stackalloc double[raw.Length];
        for (var j = 0; j < raw.Length; j++)
        {
            var (_, _, q, dq) = Relation(latent, row, j, raw[j]);
            n += q / raw.Length;
            dn[j] = dq / raw.Length;
        }
        var slope = LevelEnergy.Derivative(n, Options.Alpha, Options.Minima);
        for (var j = 0; j < raw.Length; j++) gradient[j] = slope * dn[j];
        return LevelEnergy.Value(n, Options.Alpha, Options.Minima);
    }

    /// <summary>ψ, the coordinate z (in (0, 1] on the training codes, above 1 beyond them), n = arcsin(ψ²/2)/(π z) and ∂n/∂r for output j of sample <paramref name="row"/>.</summary>
    private (double Psi, double Z, double N, double DnDr) Relation(Matrix<double> latent, int row, int j, double raw)
    {
        double z;
        if (Options.Coordinate == LatentCoordinate.Norm)
        {
            var sum = 0.0;
            for (var k = 0; k < LatentSize; k++) sum += latent[row, k] * latent[row, k];
            z = Math.Sqrt(sum) / _scale[0];
        }
        else
        {
            z = Math.Abs(latent[row, j]) / _scale[j];
        }
        z = Math.Max(z, MinimumCoordinate);
        var (psi, n, dn) = QuantumNumber(raw, z, Options.Domain);
        return (psi, z, n, dn);
    }

    /// <summary>ψ(r), n = arcsin(ψ²/2)/(π z) (L = 1) and ∂n/∂r for a raw network output r under a domain handling.</summary>
    internal static (double Psi, double N, double DnDr) QuantumNumber(double raw, double z, ArcsinDomain domain)
    {
        double psi, arcsin, darcsin;
        if (domain == ArcsinDomain.Squash)
        {
            var h = Math.Tanh(raw);
            psi = Math.Sqrt(2.0) * h;
            var u = h * h;
            arcsin = Math.Asin(u);
            darcsin = 2 * h * Math.Sqrt((1 - u) / (1 + u));       // d arcsin(tanh² r)/dr, bounded
        }
        else
        {
            psi = raw;
            var u = raw * raw / 2;
            const double top = 1 - 1e-12;
            if (u >= top)
            {
                arcsin = Math.Asin(top);
                darcsin = 0.0;
            }
            else
            {
                arcsin = Math.Asin(u);
                darcsin = raw / Math.Sqrt(1 - u * u);
            }
        }
        return (psi, arcsin / (Math.PI * z), darcsin / (Math.PI * z));
    }
}
