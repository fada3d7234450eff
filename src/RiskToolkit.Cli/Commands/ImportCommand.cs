using System.CommandLine;
using System.Diagnostics;
using RiskToolkit.Data;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk import kashaf DIR --out DIR [--figures DIR] [--ca-aliases FILE] [--dns-reading PrivateIsAlternative|ThirdPartyOnly]</c>: turns the raw files of Kashaf et al. (IMC 2020) into the
/// dependency tables (sources, providers, nodes, services, requirements) plus <c>aliases.csv</c>, and
/// prints a summary. Faults in the raw files are printed as <c>file:line:column: message</c>, exit 1.
/// </summary>
public static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The <c>import</c> command with its <c>kashaf</c> subcommand.</returns>
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Folder laid out as the paper's repository (cdn/, cert/, dns/)." };
        var output = new Option<string>("--out") { Description = "Output data folder (created when missing); files of the same names are replaced.", Required = true };
        var figures = new Option<string?>("--figures") { Description = "Also run the N-1 analysis and write provider_impact.csv and provider_edges.csv into this folder." };
        var caAliases = new Option<string?>("--ca-aliases") { Description = "CA domain alias table (ca_domain,ca_name,reason), e.g. data/kashaf-imc2020/ca_domain_aliases.csv: attaches the CA → DNS and CA → CDN edges to the CA nodes the sites use." };
        var dnsReading = new Option<KashafDnsReading>("--dns-reading")
        {
            Description = "PrivateIsAlternative (default): a site's own name server makes its DNS redundant; ThirdPartyOnly: only third-party name servers decide, as the paper's published lists.",
            DefaultValueFactory = _ => KashafDnsReading.PrivateIsAlternative,
        };
        var kashaf = new Command("kashaf", "Import the Kashaf et al. (IMC 2020) DNS, CDN and CA data of the Alexa top-100K as dependency tables.") { dir, output, figures, caAliases, dnsReading };
        kashaf.SetAction(result => RiskCommand.Guarded(result, stdout =>
        {
            var watch = Stopwatch.StartNew();
            string source = result.GetRequiredValue(dir);
            if (!Directory.Exists(source))
            {
                result.InvocationConfiguration.Error.WriteLine($"{source}: no such folder: expected the Kashaf et al. (IMC 2020) data laid out as their repository AqsaKashaf/Analyzing-Third-party-Dependencies (cdn/, cert/, dns/), e.g. ../shared/datasets/kashaf-imc2020 beside the repository.");
                return RiskCommand.Failed;
            }

            var options = new KashafImportOptions
            {
                DnsReading = result.GetValue(dnsReading),
                CaDomainAliases = result.GetValue(caAliases) is string aliasFile ? KashafImporter.ReadCaDomainAliases(aliasFile) : [],
            };
            var import = KashafImporter.Import(source, options);
            string outDir = result.GetRequiredValue(output);
            DependencyDataWriter.Write(import.Data, outDir);
            KashafImporter.WriteAliases(import.Aliases, outDir);
            if (result.GetValue(figures) is string figureDir)
            {
                var report = RiskToolkit.Dependencies.ContingencyAnalysis.NMinus1(RiskToolkit.Dependencies.DependencyModel.Build(import.Data));
                RiskToolkit.Dependencies.KashafReproduction.WriteProviderFigures(import.Data, report, figureDir);
            }

            watch.Stop();
            var c = import.Counts;
            stdout.WriteLine($"Imported {c.Sites:N0} sites from {c.RowsRead:N0} lines into {outDir}");
            stdout.WriteLine($"  providers: {string.Join(", ", c.ProvidersByLayer.Select(p => $"{p.Key} {p.Value:N0}"))}");
            stdout.WriteLine($"  sites with a requirement: dns {c.SitesWithDns:N0}, cdn {c.SitesWithCdn:N0}, ca {c.SitesWithCa:N0}");
            stdout.WriteLine($"  requirement rows: {import.Data.Requirements.Count:N0}; nodes: {import.Data.Nodes.Count:N0}; aliases: {import.Aliases.Count:N0}");
            stdout.WriteLine($"  CDN 'none' rows: {c.NoneRows:N0} ({c.SitesWithoutCdn:N0} sites without a CDN)");
            stdout.WriteLine($"  CA sites without a stapling row (counted as not stapling): {c.SitesWithoutStaplingRow:N0}; stapling: {c.SitesStapling:N0}; CA sites in neither Third_2 nor pvt (no CA requirement): {c.CaSitesNotClassified:N0}");
            stdout.WriteLine($"  lines with non-ASCII characters: {c.NonAsciiLines:N0}");
            stdout.WriteLine($"  time: {watch.Elapsed.TotalSeconds:F2} s");
            return RiskCommand.Ok;
        }));
        return new Command("import", "Import published data sets as dependency tables.") { kashaf };
    }
}
