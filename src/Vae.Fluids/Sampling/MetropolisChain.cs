using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vae.Fluids.Potentials;

namespace Vae.Fluids.Sampling;

/// <summary>
/// One Metropolis Markov chain: positions as struct-of-arrays padded to a multiple of 4, a cache of all pair
/// energies u(r_ij) so a trial move of particle i evaluates only its N − 1 new pair energies (4 at a time with
/// <see cref="Vector256{T}"/>), and the running total energy updated by ΔU.
/// </summary>
/// <remarks>
/// A sweep proposes a move for particles 0, 1, …, N − 1 in order (the slides' scheme): (x, y) += δ·(2u₁ − 1, 2u₂ − 1);
/// a move outside [0, L]² is rejected (hard walls); otherwise ΔU = γΔy + Σ_j [u(r'_ij) − u(r_ij)] is accepted when
/// ΔU ≤ 0 or u₃ &lt; exp(−ΔU/T) (u₃ drawn only when ΔU &gt; 0). The pair sum runs in 4 lanes (lane l takes
/// j ≡ l mod 4) and ends as (a₀ + a₁) + (a₂ + a₃), then γΔy + that: the same on every x64/Arm64 machine.
/// No allocation after construction. tools/reference/metropolis_ref.cpp performs the same operations in the same order.
/// </remarks>
internal sealed class MetropolisChain<TPotential> where TPotential : struct, IPairPotential
{
    private const double Far = 1e200; // padding lanes sit here: r² overflows to +∞ and the lane is masked anyway

    private readonly int _n;
    private readonly int _stride;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _pair;
    private readonly double[] _row;
    private readonly TPotential _potential;
    private readonly double _box;
    private readonly double _gamma;
    private readonly double _beta;
    private RandomStream _random;

    internal MetropolisChain(TPotential potential, int particles, double box, double gamma, double temperature, double maxDisplacement)
    {
        _potential = potential;
        _n = particles;
        _stride = (particles + 3) & ~3;
        _box = box;
        _gamma = gamma;
        _beta = 1.0 / temperature;
        MaxDisplacement = maxDisplacement;
        _x = new double[_stride];
        _y = new double[_stride];
        _x.AsSpan(particles).Fill(Far);
        _y.AsSpan(particles).Fill(Far);
        _pair = new double[particles * _stride];
        _row = new double[_stride];
    }

    internal double MaxDisplacement { get; set; }

    internal long Proposed { get; private set; }

    internal long Accepted { get; private set; }

    /// <summary>Total energy U' kept up to date incrementally (recomputed exactly by <see cref="RebuildEnergies"/>).</summary>
    internal double Energy { get; private set; }

    internal ReadOnlySpan<double> X => _x.AsSpan(0, _n);

    internal ReadOnlySpan<double> Y => _y.AsSpan(0, _n);

    internal int Particles => _n;

    internal void Reseed(RandomStream random) => _random = random;

    internal void ResetCounters()
    {
        Proposed = 0;
        Accepted = 0;
    }

    /// <summary>Uniform random positions in [0, L]², each at least <paramref name="minimumDistance"/> from the earlier ones.</summary>
    /// <exception cref="InvalidOperationException">A particle could not be placed in 100 000 attempts (box too crowded).</exception>
    internal void RandomStart(double minimumDistance)
    {
        double min2 = minimumDistance * minimumDistance;
        for (int i = 0; i < _n; i++)
        {
            int attempts = 0;
            while (true)
            {
                double px = _box * _random.NextDouble();
                double py = _box * _random.NextDouble();
                bool free = true;
                for (int j = 0; j < i && free; j++)
                {
                    double dx = px - _x[j], dy = py - _y[j];
                    free = dx * dx + dy * dy >= min2;
                }
                if (free)
                {
                    _x[i] = px;
                    _y[i] = py;
                    break;
                }
                if (++attempts == 100_000)
                    throw new InvalidOperationException(
                        $"Could not place particle {i} of {_n} at distance ≥ {minimumDistance} from the others in a box of side {_box} after {attempts} attempts; lower MinimumStartDistance or the density.");
            }
        }
        RebuildEnergies();
    }

    /// <summary>Sets the positions (already validated) and rebuilds the pair cache and the energy.</summary>
    internal void SetPositions(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        x.CopyTo(_x);
        y.CopyTo(_y);
        RebuildEnergies();
    }

    /// <summary>Recomputes every pair energy and the total energy from the positions (removes round-off drift).</summary>
    internal void RebuildEnergies()
    {
        int n = _n, stride = _stride;
        Array.Clear(_pair);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += _gamma * _y[i];
            for (int j = i + 1; j < n; j++)
            {
                double dx = _x[i] - _x[j], dy = _y[i] - _y[j];
                double e = _potential.Energy(dx * dx + dy * dy);
                _pair[i * stride + j] = e;
                _pair[j * stride + i] = e;
                total += e;
            }
        }
        Energy = total;
    }

    /// <summary>Runs <paramref name="sweeps"/> sweeps (N trial moves each, particles in order).</summary>
    internal void Run(int sweeps)
    {
        for (int s = 0; s < sweeps; s++) Sweep();
    }

    /// <summary>One sweep: a trial move for each particle in index order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Sweep()
    {
        int n = _n, stride = _stride;
        double box = _box, delta = MaxDisplacement, gamma = _gamma, beta = _beta;
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double y = ref MemoryMarshal.GetArrayDataReference(_y);
        ref double row = ref MemoryMarshal.GetArrayDataReference(_row);
        ref double pair = ref MemoryMarshal.GetArrayDataReference(_pair);
        var potential = _potential;
        var random = _random; // a local copy keeps the generator state in registers
        long accepted = 0;
        double energy = Energy;
        var lanes = Vector256.Create(0L, 1L, 2L, 3L);
        var count = Vector256.Create((long)n);
        for (int i = 0; i < n; i++)
        {
            double xi = Unsafe.Add(ref x, i), yi = Unsafe.Add(ref y, i);
            double nx = xi + delta * (2.0 * random.NextDouble() - 1.0);
            double ny = yi + delta * (2.0 * random.NextDouble() - 1.0);
            if (nx < 0.0 || nx > box || ny < 0.0 || ny > box) continue;
            ref double old = ref Unsafe.Add(ref pair, i * stride);
            var vx = Vector256.Create(nx);
            var vy = Vector256.Create(ny);
            var self = Vector256.Create((long)i);
            var sum = Vector256<double>.Zero;
            for (int j = 0; j < stride; j += 4)
            {
                var dx = vx - Vector256.LoadUnsafe(ref x, (nuint)j);
                var dy = vy - Vector256.LoadUnsafe(ref y, (nuint)j);
                var e = potential.Energy(dx * dx + dy * dy);
                var index = Vector256.Create((long)j) + lanes;
                var skip = Vector256.Equals(index, self) | Vector256.GreaterThanOrEqual(index, count);
                e = Vector256.ConditionalSelect(skip.AsDouble(), Vector256<double>.Zero, e);
                e.StoreUnsafe(ref row, (nuint)j);
                sum += e - Vector256.LoadUnsafe(ref old, (nuint)j);
            }
            double deltaEnergy = gamma * (ny - yi) + ((sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3)));
            // NaN-safe: a NaN ΔU fails both comparisons and is rejected.
            if (!(deltaEnergy <= 0.0 || random.NextDouble() < Math.Exp(-beta * deltaEnergy))) continue;
            Unsafe.Add(ref x, i) = nx;
            Unsafe.Add(ref y, i) = ny;
            energy += deltaEnergy;
            accepted++;
            for (int j = 0; j < stride; j += 4)
                Vector256.LoadUnsafe(ref row, (nuint)j).StoreUnsafe(ref old, (nuint)j);
            for (int j = 0; j < n; j++)
                Unsafe.Add(ref pair, j * stride + i) = Unsafe.Add(ref row, j);
        }
        _random = random;
        Energy = energy;
        Proposed += n;
        Accepted += accepted;
    }
}
