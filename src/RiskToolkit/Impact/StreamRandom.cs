using MathNet.Numerics.Random;

namespace RiskToolkit.Impact;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) with its full 256-bit state seeded by SplitMix64 from a 64-bit seed
/// and a stream number, as a MathNet <see cref="RandomSource"/> so that MathNet's distributions draw from it.
/// </summary>
/// <remarks>
/// MathNet's own <see cref="Xoshiro256StarStar"/> takes a 32-bit seed, so independent blocks of a large
/// simulation would share a stream by the birthday bound (about 1% at ten thousand blocks). Seeding every
/// word of the state from (seed, stream) keeps distinct blocks on distinct states. Not thread-safe: one per block.
/// </remarks>
internal sealed class StreamRandom : RandomSource
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>The generator of stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public StreamRandom(ulong seed, ulong stream)
        : base(threadSafe: false)
    {
        // SplitMix64 (Steele, Lea & Flood 2014) from a start that mixes seed and stream, as xoshiro's authors advise.
        ulong x = unchecked(seed ^ (stream * 0xD1B54A32D192ED03UL));
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        // Arithmetic modulo 2^64 by design.
        unchecked
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            return result;
        }
    }

    /// <summary>Fills <paramref name="values"/> with uniforms in [0, 1), 53 bits each.</summary>
    public void Fill(double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        }
    }

    /// <inheritdoc/>
    protected override double DoSample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    protected override int DoSampleInteger() => (int)(NextUInt64() >> 33);

    internal static ulong SplitMix64(ref ulong x)
    {
        unchecked
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
