namespace RiskToolkit.Dependencies;

/// <summary>
/// Minimal cut sets of order ≤ K for every node, every distinct requirement group and any service,
/// computed bottom-up over the fault tree that the model defines (a dependent fails when one of its
/// groups has all targets failed; a node also fails on its own).
/// </summary>
/// <remarks>
/// A cut set is a sorted array of node indices. Node families are the least fixpoint of
/// F(t) = min({{t}} ∪ ⋃_g ⊗_{u∈g} F(u)), where ⊗ joins one set from each target's family, sets above
/// order K are dropped and min keeps only sets with no proper subset in the family; starting from
/// {{t}} makes members of a cycle fail only through failures outside it. Truncating at K is exact for
/// the cut sets of order ≤ K: a minimal cut set never needs a larger intermediate set. Method: MOCUS
/// with truncation, Vesely et al., Fault Tree Handbook, NUREG-0492 (1981), ch. XI.
/// </remarks>
internal sealed class CutSetFamilies
{
    private readonly DependencyModel model;
    private readonly int maxOrder;
    private readonly List<int[]>[] nodeFamily;
    private readonly List<int[]>?[] keyFamily;

    public CutSetFamilies(DependencyModel model, int maxOrder)
    {
        this.model = model;
        this.maxOrder = maxOrder;
        int m = model.Nodes.Count;
        nodeFamily = new List<int[]>[m];
        for (int t = 0; t < m; t++)
        {
            nodeFamily[t] = [[t]];
        }

        keyFamily = new List<int[]>?[model.KeyCount];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int d = 0; d < m; d++)
            {
                if (model.GroupStart[d] == model.GroupStart[d + 1])
                {
                    continue;
                }

                var family = new List<int[]> { new[] { d } };
                for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
                {
                    family.AddRange(Product(model.Targets(model.GroupKey[g])));
                }

                family = Minimize(family);
                if (!SameFamily(family, nodeFamily[d]))
                {
                    nodeFamily[d] = family;
                    changed = true;
                }
            }
        }
    }

    /// <summary>The highest order kept.</summary>
    public int MaxOrder => maxOrder;

    /// <summary>Minimal cut sets of dependent <paramref name="d"/> (a service index offset by M, or a node).</summary>
    public List<int[]> OfDependent(int d)
    {
        var family = new List<int[]>();
        for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
        {
            int key = model.GroupKey[g];
            family.AddRange(keyFamily[key] ??= Product(model.Targets(key)));
        }

        return model.GroupStart[d + 1] - model.GroupStart[d] > 1 ? Minimize(family) : family;
    }

    /// <summary>Failure of every target: one set from each target's family, joined, within the order limit.</summary>
    private List<int[]> Product(ReadOnlySpan<int> targets)
    {
        List<int[]> product = [[]];
        foreach (int t in targets)
        {
            var next = new List<int[]>();
            foreach (int[] a in product)
            {
                foreach (int[] b in nodeFamily[t])
                {
                    int[]? union = Union(a, b, maxOrder);
                    if (union is not null)
                    {
                        next.Add(union);
                    }
                }
            }

            product = Minimize(next);
            if (product.Count == 0)
            {
                break;
            }
        }

        return product;
    }

    /// <summary>Sorted union of two sorted sets, or null when it exceeds <paramref name="limit"/>.</summary>
    private static int[]? Union(int[] a, int[] b, int limit)
    {
        Span<int> buffer = stackalloc int[a.Length + b.Length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.Length || j < b.Length)
        {
            int next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.Length && a[i] == next)
            {
                i++;
            }

            if (j < b.Length && b[j] == next)
            {
                j++;
            }

            if (k == limit)
            {
                return null;
            }

            buffer[k++] = next;
        }

        return buffer[..k].ToArray();
    }

    /// <summary>Removes duplicates and every set that has a proper subset in the family; orders by size, then lexicographically.</summary>
    internal static List<int[]> Minimize(List<int[]> family)
    {
        family.Sort(Compare);
        var kept = new List<int[]>(family.Count);
        foreach (int[] set in family)
        {
            bool dominated = false;
            foreach (int[] smaller in kept)
            {
                if (smaller.Length <= set.Length && IsSubset(smaller, set))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                kept.Add(set);
            }
        }

        return kept;
    }

    internal static int Compare(int[] a, int[] b)
    {
        if (a.Length != b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return a.AsSpan().SequenceCompareTo(b);
    }

    private static bool IsSubset(int[] small, int[] large)
    {
        int j = 0;
        foreach (int x in small)
        {
            while (j < large.Length && large[j] < x)
            {
                j++;
            }

            if (j == large.Length || large[j] != x)
            {
                return false;
            }

            j++;
        }

        return true;
    }

    private static bool SameFamily(List<int[]> a, List<int[]> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!a[i].AsSpan().SequenceEqual(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
