using System.Numerics;
using Vae.Core.Engine;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Models;

/// <summary>
/// The shared forward and backward pass behind every objective, for a batch x of B samples and K noise draws
/// ε<sub>k</sub> ~ N(0, I) per sample. Forward computes, for each (k, b), in nats:
/// z = μ + σ⊙ε (σ = exp(½ log σ²)), log p(x|z), log p(z) = −½‖z‖² − (L/2) log 2π,
/// log q(z|x) = −½‖ε‖² − ½ Σ log σ² − (L/2) log 2π, and per b the analytic KL(q‖p) = ½ Σ (μ² + σ² − 1 − log σ²).
/// Backward takes the objective's linear coefficients:
/// loss = Σ<sub>kb</sub> a<sub>kb</sub> log p(x<sub>b</sub>|z<sub>kb</sub>) + Σ<sub>kb</sub> r<sub>kb</sub> (log p(z<sub>kb</sub>) − log q(z<sub>kb</sub>|x<sub>b</sub>)) + Σ<sub>b</sub> g<sub>b</sub> KL<sub>b</sub>,
/// and accumulates ∂loss/∂θ by the reparameterisation trick (ε held fixed).
/// </summary>
/// <remarks>Rows of the decoder batch are ordered k-major: row k·B + b decodes z<sub>kb</sub>.</remarks>
internal sealed class VaeComputation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private readonly VariationalAutoencoder<T> _model;
    private readonly int _latent;
    private readonly int _features;
    private readonly T[] _decoderLogVariance;
    private readonly T[] _decoderPrecision;
    private Tensor<T> _x = null!;
    private T[] _epsilon = [];
    private T[] _sigma = [];
    private T[] _scratch = [];
    private T[] _scratch2 = [];
    private Tensor<T>? _z;
    private Tensor<T>? _outputGradient;
    private Tensor<T>? _meanGradient;
    private Tensor<T>? _logVarianceGradient;
    private Tensor<T>? _hiddenGradient;
    private Tensor<T> _output = null!;
    private Tensor<T> _mu = null!;
    private double[] _logPx = [], _logPz = [], _logQz = [], _kl = [];

    internal VaeComputation(VariationalAutoencoder<T> model)
    {
        _model = model;
        _latent = model.Architecture.LatentSize;
        _features = model.Architecture.FeatureCount;
        _decoderLogVariance = new T[_features];
        _decoderPrecision = new T[_features];
    }

    /// <summary>Reusable noise buffers (double draws and their conversion to <typeparamref name="T"/>).</summary>
    internal NoiseBuffer Noise { get; } = new();

    /// <summary>Reusable objective coefficients a, r (length K·B) and g (length B).</summary>
    internal CoefficientBuffer Coefficients { get; } = new();

    internal int BatchSize { get; private set; }

    internal int Samples { get; private set; }

    /// <summary>log p(x<sub>b</sub>|z<sub>kb</sub>) at index k·B + b.</summary>
    internal ReadOnlySpan<double> LogLikelihood => _logPx.AsSpan(0, Samples * BatchSize);

    /// <summary>log p(z<sub>kb</sub>) at index k·B + b.</summary>
    internal ReadOnlySpan<double> LogPrior => _logPz.AsSpan(0, Samples * BatchSize);

    /// <summary>log q(z<sub>kb</sub>|x<sub>b</sub>) at index k·B + b.</summary>
    internal ReadOnlySpan<double> LogPosterior => _logQz.AsSpan(0, Samples * BatchSize);

    /// <summary>KL(q(z|x<sub>b</sub>) ‖ p(z)) per sample b.</summary>
    internal ReadOnlySpan<double> Kl => _kl.AsSpan(0, BatchSize);

    /// <summary>Runs the forward pass.</summary>
    /// <param name="x">Batch <c>[B, ..InputShape]</c>.</param>
    /// <param name="epsilon">Noise <c>[K, B, latent]</c>, row-major.</param>
    /// <param name="samples">K ≥ 1.</param>
    internal void Forward(Tensor<T> x, ReadOnlySpan<T> epsilon, int samples)
    {
        _x = x;
        var h = _model.Encoder.Forward(x);
        int batch = x.Dimension(0), latent = _latent, n = samples * batch;
        if (epsilon.Length != n * latent)
            throw new ArgumentException($"epsilon has {epsilon.Length} values; K = {samples} samples of [{batch}, {latent}] need {n * latent}.", nameof(epsilon));
        BatchSize = batch;
        Samples = samples;
        _mu = _model.MeanHead.Forward(h);
        var mu = _mu.AsReadOnlySpan();
        var logVariance = _model.LogVarianceHead.Forward(h).AsReadOnlySpan();
        Grow(ref _epsilon, n * latent);
        epsilon.CopyTo(_epsilon);
        Grow(ref _sigma, batch * latent);
        var sigma = _sigma.AsSpan(0, batch * latent);
        TP.Multiply(logVariance, T.CreateChecked(0.5), sigma);
        TP.Exp(sigma, sigma);
        var z = Tensor<T>.Ensure(ref _z, n, [latent]);
        for (int k = 0; k < samples; k++)
            TP.FusedMultiplyAdd(sigma, epsilon.Slice(k * batch * latent, batch * latent), mu, z.Span.Slice(k * batch * latent, batch * latent));

        var output = _model.Decoder.Forward(z);
        _output = output;
        Grow(ref _logPx, n); Grow(ref _logPz, n); Grow(ref _logQz, n); Grow(ref _kl, batch);
        ComputeLogLikelihood(x.AsReadOnlySpan(), output.AsReadOnlySpan(), batch, samples);

        double constant = 0.5 * latent * Log2Pi;
        var zs = z.AsReadOnlySpan();
        for (int b = 0; b < batch; b++)
        {
            var lv = logVariance.Slice(b * latent, latent);
            var m = mu.Slice(b * latent, latent);
            var s = sigma.Slice(b * latent, latent);
            double sumLogVariance = double.CreateTruncating(TP.Sum(lv));
            // KL = ½ Σ (μ² + σ² − 1 − log σ²)
            _kl[b] = 0.5 * (double.CreateTruncating(TP.SumOfSquares(m)) + double.CreateTruncating(TP.SumOfSquares(s)) - latent - sumLogVariance);
            for (int k = 0; k < samples; k++)
            {
                int i = k * batch + b;
                _logPz[i] = -0.5 * double.CreateTruncating(TP.SumOfSquares(zs.Slice(i * latent, latent))) - constant;
                _logQz[i] = -0.5 * double.CreateTruncating(TP.SumOfSquares(epsilon.Slice(i * latent, latent))) - 0.5 * sumLogVariance - constant;
            }
        }
    }

    /// <summary>Accumulates ∂loss/∂θ for loss = Σ a·log p(x|z) + Σ r·(log p(z) − log q(z|x)) + Σ g·KL (see the type's summary).</summary>
    internal void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> r, ReadOnlySpan<double> g)
    {
        int batch = BatchSize, samples = Samples, n = batch * samples, latent = _latent, d = _features;
        var x = _x.AsReadOnlySpan();
        var output = _output.AsReadOnlySpan();
        var dOut = Tensor<T>.Ensure(ref _outputGradient, n, _model.Architecture.InputShape);
        var dOutSpan = dOut.Span;
        var logVarianceGradient = _model.DecoderLogVariance is { } learned ? learned.Gradient.Span : default;
        for (int k = 0; k < samples; k++)
        for (int b = 0; b < batch; b++)
        {
            int i = k * batch + b;
            var row = dOutSpan.Slice(i * d, d);
            var o = output.Slice(i * d, d);
            var xb = x.Slice(b * d, d);
            T ai = T.CreateChecked(a[i]);
            if (_model.Architecture.Decoder == DecoderFamily.Bernoulli)
            {
                TP.Sigmoid(o, row);
                TP.Subtract(xb, row, row);              // x − σ(l)
                TP.Multiply(row, ai, row);
            }
            else
            {
                TP.Subtract(xb, o, row);                // x − m
                if (!logVarianceGradient.IsEmpty)
                {
                    // ∂/∂s of −½[(x−m)² e^(−s) + s] = ½[(x−m)² e^(−s) − 1]
                    var t = _scratch.AsSpan(0, d);
                    TP.Multiply(row, row, t);
                    TP.Multiply(t, _decoderPrecision, t);
                    TP.Subtract(t, T.One, t);
                    TP.MultiplyAdd(t, ai * T.CreateChecked(0.5), logVarianceGradient, logVarianceGradient);
                }
                TP.Multiply(row, _decoderPrecision, row); // (x − m)/σ²
                TP.Multiply(row, ai, row);
            }
        }

        var dzDecoder = _model.Decoder.Backward(dOut).AsReadOnlySpan();
        var dMu = Tensor<T>.Ensure(ref _meanGradient, batch, [latent]).Span;
        var dLogVariance = Tensor<T>.Ensure(ref _logVarianceGradient, batch, [latent]).Span;
        dMu.Clear();
        dLogVariance.Clear();
        Grow(ref _scratch2, latent);
        var dz = _scratch2.AsSpan(0, latent);
        var zs = _z!.AsReadOnlySpan();
        for (int k = 0; k < samples; k++)
        for (int b = 0; b < batch; b++)
        {
            int i = k * batch + b;
            dzDecoder.Slice(i * latent, latent).CopyTo(dz);
            if (r[i] != 0) TP.MultiplyAdd(zs.Slice(i * latent, latent), T.CreateChecked(-r[i]), dz, dz); // r·∂log p(z)/∂z = −r·z
            var dm = dMu.Slice(b * latent, latent);
            TP.Add(dm, dz, dm);
            TP.Multiply(dz, _epsilon.AsSpan(i * latent, latent), dz);                             // ∂z/∂log σ² = ½σε
            var dl = dLogVariance.Slice(b * latent, latent);
            TP.Add(dl, dz, dl);
        }
        var sigma = _sigma.AsSpan(0, batch * latent);
        TP.Multiply(dLogVariance, sigma, dLogVariance);
        TP.Multiply(dLogVariance, T.CreateChecked(0.5), dLogVariance);
        var muValues = _mu.AsReadOnlySpan();
        for (int b = 0; b < batch; b++)
        {
            double rSum = 0;
            for (int k = 0; k < samples; k++) rSum += r[k * batch + b];
            var dl = dLogVariance.Slice(b * latent, latent);
            // −log q(z|x) contributes +½ per coordinate (times r); KL contributes ½(σ² − 1) (times g).
            if (rSum != 0) TP.Add(dl, T.CreateChecked(0.5 * rSum), dl);
            if (g[b] != 0)
            {
                T gb = T.CreateChecked(g[b]);
                var s = sigma.Slice(b * latent, latent);
                var t = _scratch2.AsSpan(0, latent);
                TP.Multiply(s, s, t);
                TP.Subtract(t, T.One, t);
                TP.MultiplyAdd(t, gb * T.CreateChecked(0.5), dl, dl);
                var dm = dMu.Slice(b * latent, latent);
                TP.MultiplyAdd(muValues.Slice(b * latent, latent), gb, dm, dm);
            }
        }

        var dh = _model.MeanHead.Backward(_meanGradient!);
        var hidden = Tensor<T>.Ensure(ref _hiddenGradient, batch, _model.MeanHead.InputShape);
        dh.AsReadOnlySpan().CopyTo(hidden.Span);
        var dh2 = _model.LogVarianceHead.Backward(_logVarianceGradient!).AsReadOnlySpan();
        TP.Add(hidden.Span, dh2, hidden.Span);
        _model.Encoder.BackwardParametersOnly(hidden);
    }

    private void ComputeLogLikelihood(ReadOnlySpan<T> x, ReadOnlySpan<T> output, int batch, int samples)
    {
        int d = _features;
        Grow(ref _scratch, batch * d);
        Grow(ref _scratch2, batch * d);
        var s1 = _scratch.AsSpan(0, batch * d);
        var s2 = _scratch2.AsSpan(0, batch * d);
        if (_model.Architecture.Decoder == DecoderFamily.Bernoulli)
        {
            // log p(x|z) = Σ x·l − softplus(l)  (−BCE with logits, stable form)
            for (int k = 0; k < samples; k++)
            {
                var l = output.Slice(k * batch * d, batch * d);
                Elementwise.Softplus(l, s2, s1);
                TP.Multiply(x, l, s2);
                TP.Subtract(s2, s1, s2);
                for (int b = 0; b < batch; b++) _logPx[k * batch + b] = double.CreateTruncating(TP.Sum(s2.Slice(b * d, d)));
            }
            return;
        }
        // log p(x|z) = −½ Σ [(x − m)² e^(−s) + s + log 2π]
        var logVariance = _model.DecoderLogVariance is { } learned ? learned.Value.AsReadOnlySpan() : default;
        if (logVariance.IsEmpty) _decoderLogVariance.AsSpan().Fill(T.CreateChecked(_model.Architecture.DecoderLogVariance));
        else logVariance.CopyTo(_decoderLogVariance);
        TP.Negate(_decoderLogVariance, _decoderPrecision);
        TP.Exp(_decoderPrecision, _decoderPrecision);
        double constant = 0.5 * (double.CreateTruncating(TP.Sum<T>(_decoderLogVariance)) + d * Log2Pi);
        for (int k = 0; k < samples; k++)
        for (int b = 0; b < batch; b++)
        {
            var t = s1.Slice(0, d);
            TP.Subtract(x.Slice(b * d, d), output.Slice((k * batch + b) * d, d), t);
            TP.Multiply(t, t, t);
            _logPx[k * batch + b] = -0.5 * double.CreateTruncating(TP.Dot<T>(t, _decoderPrecision)) - constant;
        }
    }

    private static void Grow<TElement>(ref TElement[] array, int length)
    {
        if (array.Length < length) array = new TElement[length];
    }

    internal sealed class NoiseBuffer
    {
        internal double[] Double = [];
        internal T[] Values = [];
    }

    internal sealed class CoefficientBuffer
    {
        internal double[] A = [], R = [], G = [];

        internal void Ensure(int n, int batch)
        {
            Grow(ref A, n);
            Grow(ref R, n);
            Grow(ref G, batch);
        }
    }
}
