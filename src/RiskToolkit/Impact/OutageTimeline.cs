using Microsoft.Data.Analysis;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>
/// One stretch of a scenario in which the same nodes are failed: what is down from <paramref name="StartUtc"/>
/// to <paramref name="EndUtc"/>.
/// </summary>
/// <param name="StartUtc">Start of the stretch (UTC).</param>
/// <param name="EndUtc">End of the stretch (UTC).</param>
/// <param name="FailedNodeIds">Nodes whose own failure window covers the stretch, in scenario order.</param>
/// <param name="NodesDown">Number of nodes down, the failed ones and those brought down through requirements.</param>
/// <param name="ServicesDown">Number of services down through their requirements (recovery lags not included).</param>
public sealed record TimelineStep(
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<string> FailedNodeIds,
    int NodesDown,
    int ServicesDown)
{
    /// <summary>Length in hours.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;
}

/// <summary>A window [start, end) in UTC in which a service is down.</summary>
/// <param name="StartUtc">When it goes down.</param>
/// <param name="EndUtc">When it is back, its recovery lag included.</param>
public sealed record DownWindow(DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    /// <summary>Length in hours.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;
}

/// <summary>When one service is down in a scenario.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="RequirementWindows">The windows in which its requirements are down, in time order, before recovery lags.</param>
/// <param name="Windows">Its down windows: each requirement window extended by the recovery lag, overlapping windows merged.</param>
/// <param name="LagHours">The recovery lag applied after each return of its requirements (hours).</param>
public sealed record ServiceOutage(string ServiceId, IReadOnlyList<DownWindow> RequirementWindows, IReadOnlyList<DownWindow> Windows, double LagHours)
{
    /// <summary>Total hours down, lags included.</summary>
    public double Hours => Windows.Sum(w => w.Hours);
}

/// <summary>
/// A scenario's failure windows replayed through the dependency model: the stretches in which the same
/// nodes are failed, and when each service is down.
/// </summary>
/// <param name="StartUtc">First failure (UTC).</param>
/// <param name="EndUtc">Last restoration (UTC), before recovery lags.</param>
/// <param name="Steps">Stretches between consecutive window boundaries, in time order; stretches with nothing failed are left out.</param>
/// <param name="Services">Services down at some time, in model order.</param>
public sealed record OutageTimeline(
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<TimelineStep> Steps,
    IReadOnlyList<ServiceOutage> Services)
{
    /// <summary>One row per service down window: service_id, start_utc, end_utc, hours.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame()
    {
        var rows = Services.SelectMany(s => s.Windows.Select(w => (s.ServiceId, w))).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("service_id", rows.Select(r => r.ServiceId)),
            new StringDataFrameColumn("start_utc", rows.Select(r => r.w.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            new StringDataFrameColumn("end_utc", rows.Select(r => r.w.EndUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            new DoubleDataFrameColumn("hours", rows.Select(r => r.w.Hours)));
    }

    /// <summary>
    /// Replays <paramref name="failures"/> through <paramref name="model"/>: between consecutive window
    /// boundaries the set of failed nodes is fixed, so each stretch is one propagation to the least fixpoint
    /// (<see cref="FailurePropagation"/>). A service is down in every stretch in which one of its required
    /// groups has every alternative down; after each return it stays down for its recovery lag.
    /// </summary>
    /// <param name="model">The compiled dependency model.</param>
    /// <param name="failures">Failure windows (at least one); a node may fail in several windows that do not overlap.</param>
    /// <param name="lags">Recovery lags of services (hours).</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When there is no failure, a node id is unknown, a window does not end after it starts, or a lag is negative or not finite.</exception>
    /// <remarks>Cost: one propagation (linear in requirement rows) per stretch; at most 2k − 1 stretches for k windows.</remarks>
    public static OutageTimeline Build(DependencyModel model, IReadOnlyList<NodeFailure> failures, RecoveryLags lags)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(lags);
        if (failures.Count == 0)
        {
            throw new ArgumentException("A scenario needs at least one failure window.", nameof(failures));
        }

        var nodeIndex = new int[failures.Count];
        for (int f = 0; f < failures.Count; f++)
        {
            NodeFailure w = failures[f] ?? throw new ArgumentException($"Failure [{f}] is null.", nameof(failures));
            nodeIndex[f] = model.IndexOfNode(w.NodeId ?? throw new ArgumentException($"Failure [{f}] has no node id.", nameof(failures)));
            if (nodeIndex[f] < 0)
            {
                throw new ArgumentException($"Failure [{f}]: '{w.NodeId}' is not a node of the model.", nameof(failures));
            }

            if (w.EndUtc <= w.StartUtc)
            {
                throw new ArgumentException($"Failure [{f}] of '{w.NodeId}' must end after it starts.", nameof(failures));
            }
        }

        Guard.InRange(lags.DefaultHours, 0, double.MaxValue, nameof(lags));
        foreach ((string id, double h) in lags.ByService)
        {
            if (!double.IsFinite(h) || h < 0)
            {
                throw new ArgumentException($"The recovery lag of '{id}' must be a finite number of hours ≥ 0.", nameof(lags));
            }
        }

        DateTimeOffset[] bounds = failures.SelectMany(w => new[] { w.StartUtc, w.EndUtc }).Distinct().Order().ToArray();
        int m = model.Nodes.Count;
        int services = model.Services.Count;
        var raw = new List<(DateTimeOffset Start, DateTimeOffset End)>?[services];
        var steps = new List<TimelineStep>();
        var down = new bool[m];
        var remaining = new int[model.GroupStart[m]];
        var queue = new int[m];
        for (int b = 0; b + 1 < bounds.Length; b++)
        {
            DateTimeOffset from = bounds[b], to = bounds[b + 1];
            var failedNow = new List<int>();
            var failedIds = new List<string>();
            for (int f = 0; f < failures.Count; f++)
            {
                if (failures[f].StartUtc <= from && failures[f].EndUtc >= to && !failedNow.Contains(nodeIndex[f]))
                {
                    failedNow.Add(nodeIndex[f]);
                    failedIds.Add(failures[f].NodeId);
                }
            }

            if (failedNow.Count == 0)
            {
                continue;
            }

            Array.Clear(down);
            int nodesDown = model.PropagateNodes(failedNow.ToArray(), down, remaining, queue);
            int servicesDown = 0;
            for (int s = 0; s < services; s++)
            {
                if (!FailurePropagation.ServiceDown(model, m + s, down))
                {
                    continue;
                }

                servicesDown++;
                var list = raw[s] ??= [];
                if (list.Count > 0 && list[^1].End == from)
                {
                    list[^1] = (list[^1].Start, to);
                }
                else
                {
                    list.Add((from, to));
                }
            }

            steps.Add(new TimelineStep(from, to, failedIds, nodesDown, servicesDown));
        }

        var outages = new List<ServiceOutage>();
        for (int s = 0; s < services; s++)
        {
            if (raw[s] is not { } list)
            {
                continue;
            }

            string id = model.Services[s].ServiceId;
            double lag = lags.For(id);
            outages.Add(new ServiceOutage(id, list.Select(w => new DownWindow(w.Start, w.End)).ToArray(), WithLag(list, lag), lag));
        }

        return new OutageTimeline(bounds[0], bounds[^1], steps, outages);
    }

    /// <summary>Extends each window by <paramref name="lagHours"/> and merges windows that then overlap.</summary>
    internal static IReadOnlyList<DownWindow> WithLag(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> windows, double lagHours)
    {
        var merged = new List<DownWindow>();
        TimeSpan lag = TimeSpan.FromHours(lagHours);
        foreach ((DateTimeOffset start, DateTimeOffset end) in windows)
        {
            DateTimeOffset until = end + lag;
            if (merged.Count > 0 && merged[^1].EndUtc >= start)
            {
                merged[^1] = merged[^1] with { EndUtc = until > merged[^1].EndUtc ? until : merged[^1].EndUtc };
            }
            else
            {
                merged.Add(new DownWindow(start, until));
            }
        }

        return merged;
    }
}
