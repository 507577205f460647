using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vae.Fluids.Sampling;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) as a mutable struct for the sampler's inner loop, with one independent
/// stream per (seed, stream id): the four state words are the first four outputs of SplitMix64 started at
/// Mix(seed) ⊕ Mix(stream id + φ), where Mix is SplitMix64's finaliser and φ = 0x9E3779B97F4A7C15.
/// </summary>
/// <remarks>
/// A struct instead of MathNet's <c>Xoshiro256StarStar</c> (a <c>System.Random</c> subclass) so that the proposal
/// loop makes no virtual call; the same generator and seeding are in tools/reference/metropolis_ref.cpp, so both
/// programs follow the same trajectory for the same seed. Uniform doubles are (next &gt;&gt; 11)·2⁻⁵³ ∈ [0, 1).
/// </remarks>
internal struct RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    internal static RandomStream Create(ulong seed, ulong stream)
    {
        ulong state = Mix(seed) ^ Mix(stream + 0x9E3779B97F4A7C15UL);
        var r = new RandomStream
        {
            _s0 = SplitMix(ref state),
            _s1 = SplitMix(ref state),
            _s2 = SplitMix(ref state),
            _s3 = SplitMix(ref state),
        };
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-shift (bias below 2⁻³² for n &lt; 2³²).</summary>
    internal int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
