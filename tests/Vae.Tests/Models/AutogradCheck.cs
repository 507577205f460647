using TorchSharp;
using Vae.Core.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>Central differences against autograd, in float64, and the seeded inputs and noise the model tests share.</summary>
internal static class AutogradCheck
{
    /// <summary>Step h of the central difference (f(θ + h) − f(θ − h))/2h.</summary>
    internal const double Step = 1e-6;

    /// <summary>Tensors with more elements than this are checked on a deterministic sample of <see cref="SampledElements"/> of them.</summary>
    internal const int MaxFullCheck = 400;

    /// <summary>Elements perturbed in a large tensor.</summary>
    internal const int SampledElements = 40;

    /// <summary>A float64 copy of the built-in network of <paramref name="architecture"/> (PyTorch's default initialisation, seeded).</summary>
    internal static VariationalAutoencoder DoubleModel(VaeArchitecture architecture, int seed)
    {
        var model = VariationalAutoencoder.Create(architecture, seed);
        model.to(float64);
        return model;
    }

    /// <summary>Inputs x <c>[batch, ..InputShape]</c> (uniform on [0, 1) for a Bernoulli decoder, on [−1, 1) otherwise) and
    /// noise ε ~ N(0, I) <c>[samples, batch, k]</c>, from <see cref="Random"/> with <paramref name="seed"/>.</summary>
    internal static (Tensor X, Tensor Epsilon) Batch(VaeArchitecture architecture, int samples, int batch, int seed, ScalarType dtype = ScalarType.Float64)
    {
        var random = new Random(seed);
        var x = new double[batch * architecture.FeatureCount];
        for (int i = 0; i < x.Length; i++)
            x[i] = architecture.Decoder == DecoderFamily.Bernoulli ? random.NextDouble() : 2 * random.NextDouble() - 1;
        var e = new double[samples * batch * architecture.LatentSize];
        for (int i = 0; i < e.Length; i++) e[i] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
        return (tensor(x, [batch, .. architecture.InputShape.Select(d => (long)d)], dtype),
                tensor(e, [samples, batch, architecture.LatentSize], dtype));
    }

    /// <summary>The elements of a tensor as doubles (a copy).</summary>
    internal static double[] Values(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().to(float64).cpu().contiguous().data<double>().ToArray();
    }

    /// <summary>The flat indices checked in a tensor of <paramref name="count"/> elements: all of them, or for a large
    /// tensor <see cref="SampledElements"/> distinct ones drawn with a fixed seed (first and last always included).</summary>
    internal static long[] Elements(long count)
    {
        if (count <= MaxFullCheck) return Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        var random = new Random((int)count);
        var chosen = new SortedSet<long> { 0, count - 1 };
        while (chosen.Count < SampledElements) chosen.Add(random.NextInt64(count));
        return chosen.ToArray();
    }

    /// <summary>∂f/∂t at <paramref name="elements"/> of <paramref name="t"/> by central differences, writing each element
    /// in place (under no_grad) and restoring it afterwards.</summary>
    internal static double[] Numeric(Tensor t, IReadOnlyList<long> elements, Func<double> f, double step = Step)
    {
        var result = new double[elements.Count];
        using var flat = t.detach().view(-1);
        for (int i = 0; i < elements.Count; i++)
        {
            using var element = flat[elements[i]];
            double original = element.item<double>(), up = original + step, down = original - step;
            using (no_grad()) element.fill_(up);
            double plus = f();
            using (no_grad()) element.fill_(down);
            double minus = f();
            using (no_grad()) element.fill_(original);
            result[i] = (plus - minus) / (up - down);
        }
        return result;
    }

    /// <summary>Norm-wise relative error ‖a − n‖/max(‖a‖, ‖n‖) (0 when both vanish).</summary>
    internal static double RelativeError(IReadOnlyList<double> analytic, IReadOnlyList<double> numeric)
    {
        double diff = 0, na = 0, nn = 0;
        for (int i = 0; i < analytic.Count; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += analytic[i] * analytic[i];
            nn += numeric[i] * numeric[i];
        }
        double scale = Math.Sqrt(Math.Max(na, nn));
        return scale == 0 ? 0 : Math.Sqrt(diff) / scale;
    }

    /// <summary>max<sub>i</sub> |a<sub>i</sub> − n<sub>i</sub>|.</summary>
    internal static double MaxAbsoluteError(IReadOnlyList<double> analytic, IReadOnlyList<double> numeric) =>
        analytic.Zip(numeric, (a, n) => Math.Abs(a - n)).DefaultIfEmpty(0).Max();

    /// <summary>log (1/K) Σ<sub>k</sub> e<sup>v<sub>k</sub></sup>, max-shifted, in double.</summary>
    internal static double LogMeanExp(IReadOnlyList<double> v)
    {
        double max = v.Max();
        return max + Math.Log(v.Sum(x => Math.Exp(x - max)) / v.Count);
    }
}
