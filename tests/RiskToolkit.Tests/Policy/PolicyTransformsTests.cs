using CsCheck;
using RiskToolkit.Dependencies;
using RiskToolkit.Policy;
using Xunit;

namespace RiskToolkit.Tests.Policy;

public class PolicyTransformsTests
{
    private static string[] Targets(DependencyData data, string service, string group = "cloud") =>
        data.Requirements.Where(r => r.DependentId == service && r.GroupId == group).Select(r => r.TargetId).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Multi_region_adds_the_providers_other_region_and_lists_services_without_one()
    {
        PolicyApplication applied = PolicyTransforms.MultiRegion(PolicyFixture.Data(), 1, 42);

        // Single-region services: s1 {a-r1}, s2 {a-r1}, s4 {b-r1}, s5 {c-r1}. Provider a has a second region,
        // b and c have none: eligible s1, s2 (both take a-r2, a's only other region); s4, s5 have no alternative.
        Assert.Equal(2, applied.Eligible);
        Assert.Equal(["s4", "s5"], applied.WithoutAlternative);
        Assert.Equal(2, applied.ServicesChanged);
        Assert.All(applied.Changes, c => Assert.Equal(["a-r2"], c.AddedTargetIds));
        Assert.All(applied.Changes, c => Assert.Empty(c.RemovedTargetIds));
        Assert.Equal(["a-r1", "a-r2"], Targets(applied.Data, "s1"));
        Assert.Equal(["a-r1", "a-r2"], Targets(applied.Data, "s2"));
        Assert.Equal(PolicyFixture.Data().Nodes.Select(n => n.NodeId), applied.Data.Nodes.Select(n => n.NodeId));

        // a-r1 down took s1 and s2 down; now neither. Provider a down still takes both (every a region needs cloud-a).
        Assert.Equal(["s1", "s2"], PolicyFixture.Down(PolicyFixture.Data(), "a-r1").Order(StringComparer.Ordinal));
        Assert.Empty(PolicyFixture.Down(applied.Data, "a-r1"));
        Assert.Equal(["s1", "s2"], PolicyFixture.Down(applied.Data, "cloud-a").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Half_of_two_eligible_services_is_one_and_the_same_one_at_a_larger_share()
    {
        // round(0.5 × 2) = 1 adopter; round(0.25 × 2) = round(0.5) = 1 (half away from zero); round(0.2 × 2) = 0.
        PolicyApplication half = PolicyTransforms.MultiRegion(PolicyFixture.Data(), 0.5, 7);
        PolicyApplication quarter = PolicyTransforms.MultiRegion(PolicyFixture.Data(), 0.25, 7);
        Assert.Equal(1, half.ServicesChanged);
        Assert.Equal(half.Changes[0].ServiceId, quarter.Changes[0].ServiceId);
        Assert.Empty(PolicyTransforms.MultiRegion(PolicyFixture.Data(), 0.2, 7).Changes);
        Assert.Equal(half.Changes[0].ServiceId, PolicyTransforms.MultiRegion(PolicyFixture.Data(), 1, 7).Changes[0].ServiceId);
    }

    [Fact]
    public void Multi_cloud_gives_every_adopter_a_region_of_another_provider()
    {
        // Single-region services of the fixture: s1, s2 (a-r1), s4 (b-r1), s5 (c-r1); each has another used
        // provider, so all four are eligible and with share 1 all adopt.
        DependencyData data = PolicyFixture.Data();
        PolicyApplication applied = PolicyTransforms.MultiCloud(data, 1, 3);
        Assert.Equal(4, applied.Eligible);
        Assert.Equal(4, applied.ServicesChanged);
        var provider = data.Nodes.ToDictionary(n => n.NodeId, n => n.ProviderId);
        foreach (RequirementChange c in applied.Changes)
        {
            string own = provider[Targets(data, c.ServiceId)[0]]!;
            Assert.NotEqual(own, provider[Assert.Single(c.AddedTargetIds)]);
        }
    }

    [Fact]
    public void Multi_cloud_takes_a_providers_regions_in_turn()
    {
        // s1 and s2 rest on c-r1 and are the only eligible services: s3 {a-r2, b-r1} and s4 {a-r1, b-r1} are
        // redundant, s5 has no cloud group. Use: a 2 (s3, s4), b 2 (s3, s4), c 2 (s1, s2).
        // Others of c: a and b, W = 4. k = 1: a 1·2/4 − 0 = 0.5, b 0.5 → tie → a (first), a-r1 (a's first region).
        // k = 2: a 2·2/4 − 1 = 0, b 1 − 0 = 1 → b, b-r1. So one adopter takes a-r1 and the other b-r1.
        DependencyData data = PolicyFixture.Data() with
        {
            Requirements =
            [
                new("a-r1", "cloud", "provider", "cloud-a"),
                new("a-r2", "cloud", "provider", "cloud-a"),
                new("s1", "cloud", "cloud", "c-r1"),
                new("s2", "cloud", "cloud", "c-r1"),
                new("s3", "cloud", "cloud", "a-r2"),
                new("s3", "cloud", "cloud", "b-r1"),
                new("s4", "cloud", "cloud", "a-r1"),
                new("s4", "cloud", "cloud", "b-r1"),
            ],
        };

        PolicyApplication applied = PolicyTransforms.MultiCloud(data, 1, 11);
        Assert.Equal(["a-r1", "b-r1"], applied.Changes.Select(c => Assert.Single(c.AddedTargetIds)));
        Assert.Equal(["s1", "s2"], applied.Changes.Select(c => c.ServiceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deconcentration_moves_the_largest_providers_sole_services_to_the_others_by_use()
    {
        PolicyApplication applied = PolicyTransforms.Deconcentration(PolicyFixture.Data(), 1, 1, 42);

        // Top 1 by use: a (3). Resting on a alone: s1 {a-r1}, s2 {a-r1} (s3 also has b-r1). Destinations b (use 2)
        // and c (use 1), W = 3. k = 1: b 2/3, c 1/3 → b-r1. k = 2: b 4/3 − 1 = 1/3, c 2/3 → c-r1.
        Assert.Equal(2, applied.Eligible);
        Assert.Equal(["b-r1", "c-r1"], applied.Changes.Select(c => Assert.Single(c.AddedTargetIds)));
        Assert.All(applied.Changes, c => Assert.Equal(["a-r1"], c.RemovedTargetIds));
        string first = applied.Changes[0].ServiceId, second = applied.Changes[1].ServiceId;
        Assert.Equal(["b-r1"], Targets(applied.Data, first));
        Assert.Equal(["c-r1"], Targets(applied.Data, second));
        Assert.Empty(PolicyFixture.Down(applied.Data, "cloud-a"));
        Assert.Equal(PolicyFixture.Data().Requirements.Count, applied.Data.Requirements.Count);
    }

    [Fact]
    public void Added_rows_sit_after_their_groups_rows_and_say_which_policy_wrote_them()
    {
        PolicyApplication applied = PolicyTransforms.MultiRegion(PolicyFixture.Data(), 1, 1);

        var rows = applied.Data.Requirements.ToList();
        int s1 = rows.FindIndex(r => r.DependentId == "s1");
        Assert.Equal(("s1", "a-r2"), (rows[s1 + 1].DependentId, rows[s1 + 1].TargetId));
        Assert.Equal("policy what-if: multi-region 100%", rows[s1 + 1].Note);
        Assert.Null(rows[s1 + 1].SourceId);
    }

    [Fact]
    public void Apply_dispatches_on_the_kind_and_keeps_the_given_policy()
    {
        var spec = new PolicySpec("my label", PolicyKind.Deconcentration, 1) { TopProviders = 1 };
        PolicyApplication applied = PolicyTransforms.Apply(PolicyFixture.Data(), spec, 42);
        Assert.Same(spec, applied.Policy);
        Assert.Equal(2, applied.ServicesChanged);

        PolicyApplication baseline = PolicyTransforms.Apply(PolicyFixture.Data(), PolicySpec.Baseline, 42);
        Assert.Empty(baseline.Changes);
        Assert.Equal(0, baseline.ServicesChanged);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_share_outside_zero_to_one_is_rejected_by_every_transform(double share)
    {
        Assert.Equal("share", Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTransforms.MultiRegion(PolicyFixture.Data(), share, 1)).ParamName);
        Assert.Equal("share", Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTransforms.MultiCloud(PolicyFixture.Data(), share, 1)).ParamName);
        Assert.Equal("share", Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTransforms.Deconcentration(PolicyFixture.Data(), share, 3, 1)).ParamName);
    }

    [Fact]
    public void Fewer_than_one_top_provider_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTransforms.Deconcentration(PolicyFixture.Data(), 0.5, 0, 1));
        Assert.Equal("topProviders", error.ParamName);
    }

    [Fact]
    public void Multi_region_without_any_second_region_says_no_alternative_exists()
    {
        // Drop a-r2: every provider has one region.
        DependencyData data = PolicyFixture.Data() is var d
            ? d with { Nodes = d.Nodes.Where(n => n.NodeId != "a-r2").ToArray(), Requirements = d.Requirements.Where(r => r.TargetId != "a-r2" && r.DependentId != "a-r2").ToArray() }
            : d;
        var error = Assert.Throws<ArgumentException>(() => PolicyTransforms.MultiRegion(data, 0.5, 1));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("No alternative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_cloud_with_one_provider_says_no_alternative_exists()
    {
        DependencyData data = PolicyFixture.Data() is var d
            ? d with { Requirements = d.Requirements.Where(r => r.TargetId is "cloud-a" or "a-r1" or "a-r2").ToArray() }
            : d;
        var error = Assert.Throws<ArgumentException>(() => PolicyTransforms.MultiCloud(data, 0.5, 1));
        Assert.Contains("No alternative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deconcentration_when_the_top_covers_every_used_provider_says_no_alternative_exists()
    {
        var error = Assert.Throws<ArgumentException>(() => PolicyTransforms.Deconcentration(PolicyFixture.Data(), 0.5, 3, 1));
        Assert.Equal("topProviders", error.ParamName);
        Assert.Contains("No alternative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deconcentration_when_no_service_rests_on_a_top_provider_alone_says_so()
    {
        // s3 {a-r2, b-r1} and s4 {c-r1, b-r1}: use a 1, b 2, c 1, so b is the top provider, but no service
        // rests on b alone.
        DependencyData data = PolicyFixture.Data() with
        {
            Requirements =
            [
                new("a-r1", "cloud", "provider", "cloud-a"),
                new("s3", "cloud", "cloud", "a-r2"),
                new("s3", "cloud", "cloud", "b-r1"),
                new("s4", "cloud", "cloud", "c-r1"),
                new("s4", "cloud", "cloud", "b-r1"),
            ],
        };
        var error = Assert.Throws<ArgumentException>(() => PolicyTransforms.Deconcentration(data, 0.5, 1, 1));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("alone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_tables_are_rejected_as_the_model_rejects_them()
    {
        DependencyData data = PolicyFixture.Data() is var d ? d with { Requirements = [.. d.Requirements, new("s1", "cloud", "cloud", "nowhere")] } : d;
        var error = Assert.Throws<ArgumentException>(() => PolicyTransforms.MultiRegion(data, 0.5, 1));
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => PolicyTransforms.MultiRegion(null!, 0.5, 1));
        Assert.Throws<ArgumentNullException>(() => PolicyTransforms.Apply(PolicyFixture.Data(), null!, 1));
    }

    /// <summary>Random cloud layers: 1–4 providers with 1–3 regions each (every region needs its provider node), 1–8 services with 1–2 cloud groups of 1–2 regions.</summary>
    private static readonly Gen<DependencyData> Clouds =
        from regions in Gen.Int[1, 3].Array[1, 4]
        from services in Gen.Int[1, 8]
        from groups in Gen.Int[1, 2].Array[services]
        from picks in Gen.Int[0, 1000].Array[1, 2].Array[services * 2]
        select Cloud(regions, groups, picks);

    private static DependencyData Cloud(int[] regions, int[] groups, int[][] picks)
    {
        var nodes = new List<DependencyNode>();
        var requirements = new List<Requirement>();
        var regionIds = new List<string>();
        for (int p = 0; p < regions.Length; p++)
        {
            nodes.Add(new DependencyNode($"p{p}", NodeKind.Provider, $"p{p}") { ProviderId = $"p{p}", Layer = "cloud" });
            for (int r = 0; r < regions[p]; r++)
            {
                nodes.Add(new DependencyNode($"p{p}-r{r}", NodeKind.Region, $"p{p}-r{r}") { ProviderId = $"p{p}", Layer = "cloud" });
                requirements.Add(new Requirement($"p{p}-r{r}", "cloud", "provider", $"p{p}"));
                regionIds.Add($"p{p}-r{r}");
            }
        }

        var services = new List<DependentService>();
        for (int s = 0; s < groups.Length; s++)
        {
            services.Add(new DependentService($"s{s}", $"s{s}") { Sector = s % 2 == 0 ? "52" : "51", AnnualRevenueUsd = s + 1 });
            for (int g = 0; g < groups[s]; g++)
            {
                foreach (string t in picks[(s * 2) + g].Select(i => regionIds[i % regionIds.Count]).Distinct())
                {
                    requirements.Add(new Requirement($"s{s}", "cloud", $"g{g}", t));
                }
            }
        }

        return new DependencyData([], [], nodes, services, requirements);
    }

    /// <summary>Applies a transform, or null when it finds no alternative (the only refusal a valid random cloud may meet).</summary>
    private static PolicyApplication? TryApply(Func<PolicyApplication> apply)
    {
        try
        {
            return apply();
        }
        catch (ArgumentException e) when (e is not ArgumentOutOfRangeException && (e.Message.Contains("No alternative", StringComparison.Ordinal) || e.Message.Contains("alone", StringComparison.Ordinal)))
        {
            return null;
        }
    }

    [Fact]
    public void Redundancy_never_adds_a_service_to_what_any_single_node_failure_takes_down()
    {
        (from data in Clouds from share in Gen.Double[0, 1] from seed in Gen.ULong from multiCloud in Gen.Bool select (data, share, seed, multiCloud)).Sample(
            c =>
            {
                var applied = TryApply(() => c.multiCloud ? PolicyTransforms.MultiCloud(c.data, c.share, c.seed) : PolicyTransforms.MultiRegion(c.data, c.share, c.seed));
                if (applied is null)
                {
                    return true;
                }

                return c.data.Nodes.All(n => PolicyFixture.Down(applied.Data, n.NodeId).IsSubsetOf(PolicyFixture.Down(c.data, n.NodeId)));
            },
            iter: 1000);
    }

    [Fact]
    public void Adopters_at_a_smaller_share_are_the_first_adopters_at_a_larger_one()
    {
        (from data in Clouds from a in Gen.Double[0, 1] from b in Gen.Double[0, 1] from seed in Gen.ULong from kind in Gen.Int[0, 2] select (data, a, b, seed, kind)).Sample(
            c =>
            {
                PolicyApplication Run(double share) => c.kind switch
                {
                    0 => PolicyTransforms.MultiRegion(c.data, share, c.seed),
                    1 => PolicyTransforms.MultiCloud(c.data, share, c.seed),
                    _ => PolicyTransforms.Deconcentration(c.data, share, 1, c.seed),
                };
                var small = TryApply(() => Run(Math.Min(c.a, c.b)));
                var large = TryApply(() => Run(Math.Max(c.a, c.b)));
                if (small is null || large is null)
                {
                    return small is null && large is null;
                }

                return small.Changes.Count <= large.Changes.Count && small.Changes.SequenceEqual(large.Changes.Take(small.Changes.Count), ChangeComparer.Instance);
            },
            iter: 1000);
    }

    [Fact]
    public void Transforms_keep_every_node_and_service_and_change_only_cloud_groups_of_services()
    {
        (from data in Clouds from share in Gen.Double[0, 1] from seed in Gen.ULong from kind in Gen.Int[0, 2] select (data, share, seed, kind)).Sample(
            c =>
            {
                var applied = TryApply(() => c.kind switch
                {
                    0 => PolicyTransforms.MultiRegion(c.data, c.share, c.seed),
                    1 => PolicyTransforms.MultiCloud(c.data, c.share, c.seed),
                    _ => PolicyTransforms.Deconcentration(c.data, c.share, 1, c.seed),
                });
                if (applied is null)
                {
                    return true;
                }

                var services = c.data.Services.Select(s => s.ServiceId).ToHashSet();
                var changed = applied.Data.Requirements.Except(c.data.Requirements).Concat(c.data.Requirements.Except(applied.Data.Requirements));
                return ReferenceEquals(applied.Data.Nodes, c.data.Nodes) && ReferenceEquals(applied.Data.Services, c.data.Services)
                    && changed.All(r => r.Layer == "cloud" && services.Contains(r.DependentId))
                    && applied.ServicesChanged == (int)Math.Round(c.share * applied.Eligible, MidpointRounding.AwayFromZero);
            },
            iter: 1000);
    }

    [Fact]
    public void Any_share_outside_zero_to_one_throws()
    {
        Gen.Double.Where(s => !(s >= 0 && s <= 1)).Sample(
            share => Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTransforms.MultiCloud(PolicyFixture.Data(), share, 1)).ParamName == "share",
            iter: 1000);
    }

    private sealed class ChangeComparer : IEqualityComparer<RequirementChange>
    {
        public static readonly ChangeComparer Instance = new();

        public bool Equals(RequirementChange? x, RequirementChange? y) =>
            x is not null && y is not null && x.ServiceId == y.ServiceId && x.GroupId == y.GroupId
            && x.AddedTargetIds.SequenceEqual(y.AddedTargetIds) && x.RemovedTargetIds.SequenceEqual(y.RemovedTargetIds);

        public int GetHashCode(RequirementChange obj) => HashCode.Combine(obj.ServiceId, obj.GroupId);
    }
}
