using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk spof --data DIR [--layer L] [--max-order K] [--rank-by M] [--top N] [--format table|json|csv]</c>:
/// single-failure (N-1) contingencies ranked by severity against the N-0 base case, and minimal cut sets
/// up to order K. JSON is <c>{baseline, contingencies[], cutSets[], redundancy[], cycles[]}</c>.
/// </summary>
public static class SpofCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder with nodes.csv, services.csv, requirements.csv, sources.csv and providers.csv (e.g. data, or the output of 'risk import kashaf').", Required = true };
        var layer = new Option<string?>("--layer") { Description = "Only contingencies and cut sets of nodes of this layer (e.g. cdn, dns, ca); failure still propagates through every layer." };
        var maxOrder = new Option<int>("--max-order")
        {
            Description = $"Highest order of minimal cut sets, 1 to {CutSetAnalysis.MaxSupportedOrder} (2 = pairs, N-2).",
            DefaultValueFactory = _ => 2,
            CustomParser = r => RiskCommand.Integer(r, "--max-order", 1, CutSetAnalysis.MaxSupportedOrder),
        };
        var rankBy = new Option<string>("--rank-by") { Description = "Severity measure: services, users, revenue or criticality (known figures only; unknowns are counted and shown).", DefaultValueFactory = _ => "services" };
        rankBy.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "services", "users", "revenue", "criticality");
        var top = new Option<int>("--top")
        {
            Description = "Rows of each table in --format table (all rows in json and csv).",
            DefaultValueFactory = _ => 20,
            CustomParser = r => RiskCommand.Integer(r, "--top", 1, int.MaxValue),
        };
        var format = new Option<string>("--format") { Description = "Output format: table, json, or csv (the contingencies; cut sets are in json).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json", "csv");
        var command = new Command("spof", "Single points of failure: N-1 contingencies ranked by impact against the N-0 base case, and minimal cut sets up to order K.")
        {
            data, layer, maxOrder, rankBy, top, format,
        };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            string dir = result.GetRequiredValue(data);
            var error = result.InvocationConfiguration.Error;
            DependencyModel model = DependencyModel.Build(DependencyDataReader.Load(dir));
            foreach (DependencyCycle cycle in model.Cycles)
            {
                error.WriteLine($"warning: dependency cycle among {cycle}: failure propagates to a fixpoint (members fail only when something outside the cycle takes them down).");
            }

            string? layerId = result.GetValue(layer);
            if (layerId is not null && !model.Nodes.Any(n => n.Layer == layerId))
            {
                var layers = model.Nodes.Select(n => n.Layer).OfType<string>().Distinct().Order(StringComparer.Ordinal);
                error.WriteLine($"{dir}: no node of layer '{layerId}'; layers: {string.Join(", ", layers)}.");
                return RiskCommand.Failed;
            }

            var options = new ContingencyOptions { Layer = layerId, RankBy = Enum.Parse<SeverityMeasure>(result.GetValue(rankBy)!, ignoreCase: true) };
            ContingencyReport report = ContingencyAnalysis.NMinus1(model, options);
            CutSetReport cuts = CutSetAnalysis.MinimalCutSets(model, result.GetValue(maxOrder), layerId);
            RedundancyReport redundancy = RedundancyAnalysis.ByLayer(model);
            switch (result.GetValue(format)!.ToLowerInvariant())
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(Json(report, cuts, redundancy, model), ConcentrationCommand.Json));
                    break;
                case "csv":
                    ConcentrationCommand.WriteCsv(report.ToDataFrame(), output);
                    break;
                default:
                    WriteTable(report, cuts, redundancy, model, result.GetValue(top), output);
                    break;
            }

            return RiskCommand.Ok;
        }));
        return command;
    }

    private static object Json(ContingencyReport report, CutSetReport cuts, RedundancyReport redundancy, DependencyModel model) => new
    {
        layer = report.Options.Layer,
        rankBy = report.Options.RankBy.ToString().ToLowerInvariant(),
        maxOrder = cuts.MaxOrder,
        baseline = new
        {
            label = report.Baseline.Label,
            services = report.Baseline.Services.Services,
            servicesFailed = report.Baseline.ServicesFailed,
            nodes = model.Nodes.Count,
            users = report.Baseline.Services.Users,
            usersUnknown = report.Baseline.Services.UsersUnknown,
            revenueUsd = report.Baseline.Services.RevenueUsd,
            revenueUnknown = report.Baseline.Services.RevenueUnknown,
            bySector = report.Baseline.BySector,
            byCountry = report.Baseline.ByCountry,
            byRankBand = report.Baseline.ByRankBand,
        },
        contingencies = report.Contingencies.Select(c => new
        {
            label = c.Label,
            severityRank = c.SeverityRank,
            nodeId = c.NodeId,
            name = c.Name,
            layer = c.Layer,
            kind = c.Kind.ToString().ToLowerInvariant(),
            providerId = c.ProviderId,
            servicesUsing = c.ServicesUsing,
            servicesUsingIndirect = c.ServicesUsingIndirect,
            servicesFailedDirect = c.ServicesFailedDirect,
            servicesFailed = c.ServicesFailed,
            servicesFailedShare = c.ServicesFailedShare,
            usersAffected = c.Failed.Users,
            usersUnknown = c.Failed.UsersUnknown,
            revenueAffectedUsd = c.Failed.RevenueUsd,
            revenueUnknown = c.Failed.RevenueUnknown,
            criticalityAffected = c.Failed.Criticality,
            nodesFailed = c.NodesFailed,
            bySector = c.BySector,
            byCountry = c.ByCountry,
            usingByRankBand = c.UsingByRankBand,
            failedDirectByRankBand = c.FailedDirectByRankBand,
            failedByRankBand = c.FailedByRankBand,
        }),
        cutSets = cuts.CutSets.Select(c => new
        {
            label = c.Label,
            order = c.Order,
            nodeIds = c.NodeIds,
            servicesFailed = c.Failed.Services,
            usersAffected = c.Failed.Users,
            usersUnknown = c.Failed.UsersUnknown,
            revenueAffectedUsd = c.Failed.RevenueUsd,
            revenueUnknown = c.Failed.RevenueUnknown,
            bySector = c.BySector,
            byCountry = c.ByCountry,
        }),
        servicesWithoutCutSet = cuts.ServicesWithoutCutSet,
        redundancy = redundancy.Layers,
        cycles = model.Cycles.Select(c => c.NodeIds),
    };

    private static void WriteTable(ContingencyReport report, CutSetReport cuts, RedundancyReport redundancy, DependencyModel model, int top, TextWriter output)
    {
        static string I(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string Known(long? v, int unknown) => v is null ? "unknown" : unknown > 0 ? $"{I(v.Value)} (+{unknown} unknown)" : I(v.Value);
        static string Usd(double? v, int unknown) => v is null ? "unknown" : (unknown > 0 ? $"{Money(v.Value)} (+{unknown} unknown)" : Money(v.Value));

        ContingencyBaseline b = report.Baseline;
        output.WriteLine($"N-0 base case: {I(b.Services.Services)} services up, {I(model.Nodes.Count)} nodes; users {Known(b.Services.Users, b.Services.UsersUnknown)}; annual revenue {Usd(b.Services.RevenueUsd, b.Services.RevenueUnknown)}.");
        output.WriteLine();
        output.WriteLine($"N-1 contingencies{(report.Options.Layer is null ? "" : $" of layer {report.Options.Layer}")}, ranked by {report.Options.RankBy.ToString().ToLowerInvariant()} failed (top {Math.Min(top, report.Contingencies.Count)} of {report.Contingencies.Count}):");
        bool ranks = b.ByRankBand.Any(x => x.Services > 0);
        var header = new List<string> { "rank", "node", "layer", "using", "using ind.", "failed dir.", "failed", "failed %", "users", "revenue USD/yr" };
        if (ranks)
        {
            header.AddRange(report.Options.RankBands.Select(t => $"failed top {Short(t)}"));
        }

        var lines = report.Contingencies.Take(top).Select(c =>
        {
            var cells = new List<string>
            {
                c.SeverityRank.ToString(CultureInfo.InvariantCulture), c.NodeId, c.Layer ?? "–", I(c.ServicesUsing), I(c.ServicesUsingIndirect),
                I(c.ServicesFailedDirect), I(c.ServicesFailed), (100 * c.ServicesFailedShare).ToString("0.0", CultureInfo.InvariantCulture),
                Known(c.Failed.Users, c.Failed.UsersUnknown), Usd(c.Failed.RevenueUsd, c.Failed.RevenueUnknown),
            };
            if (ranks)
            {
                cells.AddRange(c.FailedByRankBand.Select(x => I(x.Services)));
            }

            return cells.ToArray();
        }).ToList();
        TextTable.Write(header, lines, output, i => i is 0 or (>= 3 and <= 9) or >= 10);

        output.WriteLine();
        var pairs = cuts.CutSets.Where(c => c.Order >= 2).ToList();
        string orders = cuts.MaxOrder switch { 1 => "none searched (--max-order 1)", 2 => "order 2 (N-2)", _ => "orders 2 and 3 (N-2, N-3)" };
        output.WriteLine(pairs.Count == 0
            ? $"Minimal cut sets of {orders}: none."
            : $"Minimal cut sets of {orders}: {I(pairs.Count)}; each row counts the services that fail when all members fail but not when any one stays up (top {Math.Min(top, pairs.Count)}):");
        if (pairs.Count > 0)
        {
            TextTable.Write(
                ["label", "members", "services", "users"],
                pairs.Take(top).Select(c => new[] { c.Label, string.Join(" + ", c.NodeIds), I(c.Failed.Services), Known(c.Failed.Users, c.Failed.UsersUnknown) }).ToList(),
                output,
                i => i >= 2);
        }

        output.WriteLine();
        output.WriteLine("Redundancy of the services' own requirements, by layer (services; critical = one third-party alternative):");
        TextTable.Write(
            ["layer", "services", "critical", "self only", "self + 3rd party", "redundant"],
            redundancy.Layers.Select(l => new[] { l.Layer, I(l.Services), I(l.Critical), I(l.SelfOnly), I(l.SelfAndThirdParty), I(l.Redundant) }).ToList(),
            output,
            i => i >= 1);
        output.WriteLine();
        output.WriteLine("using: services naming the node; using ind.: also through the nodes they need; failed dir.: services whose only alternative in");
        output.WriteLine("some group is the node (critically dependent); failed: with failure propagated through every requirement. Users and revenue");
        output.WriteLine("add up the services' own figures (a person using two services counts twice) over the services whose figures are known;");
        output.WriteLine("'(+k unknown)' counts the others, and 'unknown' means no failed service has a figure. All rows and fields: --format json.");
    }

    private static string Short(int t) => t >= 1000 && t % 1000 == 0 ? $"{t / 1000}K" : t.ToString(CultureInfo.InvariantCulture);

    private static string Money(double usd) => usd >= 1e9
        ? (usd / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " bn"
        : usd >= 1e6 ? (usd / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M" : usd.ToString("N0", CultureInfo.InvariantCulture);
}
