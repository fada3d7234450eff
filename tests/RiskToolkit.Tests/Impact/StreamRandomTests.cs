using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class StreamRandomTests
{
    [Fact]
    public void SplitMix64_matches_the_reference_outputs()
    {
        // Vigna's splitmix64.c from state 0: 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F.
        ulong x = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, StreamRandom.SplitMix64(ref x));
        Assert.Equal(0x6E789E6AA1B965F4UL, StreamRandom.SplitMix64(ref x));
        Assert.Equal(0x06C45D188009454FUL, StreamRandom.SplitMix64(ref x));
    }

    [Fact]
    public void Streams_of_one_seed_differ_and_repeat()
    {
        ulong[] Take(ulong seed, ulong stream)
        {
            var r = new StreamRandom(seed, stream);
            return Enumerable.Range(0, 8).Select(_ => r.NextUInt64()).ToArray();
        }

        Assert.Equal(Take(42, 0), Take(42, 0));
        Assert.NotEqual(Take(42, 0), Take(42, 1));
        Assert.NotEqual(Take(42, 0), Take(43, 0));
    }

    [Fact]
    public void Uniforms_have_mean_one_half_within_four_standard_errors()
    {
        // Var(U) = 1/12, so the mean of n uniforms has s.e. √(1/(12 n)); n = 1,000,000 gives 2.9e-4.
        const int n = 1_000_000;
        var values = new double[n];
        new StreamRandom(7, 3).Fill(values);
        Assert.All(values, v => Assert.InRange(v, 0, 1 - 1e-17));
        double se = Math.Sqrt(1.0 / (12 * n));
        Assert.InRange(values.Average(), 0.5 - (4 * se), 0.5 + (4 * se));
    }
}
