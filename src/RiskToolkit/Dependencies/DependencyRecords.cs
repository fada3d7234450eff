using RiskToolkit.Data;

namespace RiskToolkit.Dependencies;

/// <summary>What a <see cref="DependencyNode"/> is; the <c>kind</c> column of <c>nodes.csv</c>.</summary>
public enum NodeKind
{
    /// <summary>A whole provider (e.g. a CDN or a DNS provider) treated as one thing that can fail.</summary>
    Provider,

    /// <summary>A provider's region (e.g. AWS us-east-1).</summary>
    Region,

    /// <summary>A provider's service offered to others (e.g. DynamoDB in one region).</summary>
    Service,

    /// <summary>An internal component (e.g. DynamoDB's DNS automation).</summary>
    Component,

    /// <summary>A dependent's own infrastructure (a private CDN, OCSP stapling): an alternative that is not a third party.</summary>
    Self,
}

/// <summary>
/// A row of <c>nodes.csv</c>: something that can fail. Providers, regions, components and a site's own
/// infrastructure are all nodes; requirements point at nodes.
/// </summary>
/// <param name="NodeId">Primary key, unique across nodes and services, e.g. <c>aws-us-east-1-dynamodb</c>.</param>
/// <param name="Kind">What the node is.</param>
/// <param name="Name">Display name.</param>
public sealed record DependencyNode(string NodeId, NodeKind Kind, string Name)
{
    /// <summary>The provider that runs the node (a key of <c>providers.csv</c>), or <see langword="null"/> when unknown or not a provider's.</summary>
    public string? ProviderId { get; init; }

    /// <summary>The layer the node serves (cloud, dns, cdn, ca, …), or <see langword="null"/> when unknown.</summary>
    public string? Layer { get; init; }

    /// <summary>The provider's region, e.g. <c>us-east-1</c>, or <see langword="null"/>.</summary>
    public string? Region { get; init; }

    /// <summary>Where the node is named (a key of <c>sources.csv</c>), or <see langword="null"/>.</summary>
    public string? SourceId { get; init; }

    /// <summary>Remarks, or <see langword="null"/>.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// A row of <c>services.csv</c>: something people use (a website, an app, a bank's online service) whose
/// failure is the impact being measured. Optional figures are <see langword="null"/> when unknown, and
/// analyses report them as unknown rather than filling them in.
/// </summary>
/// <param name="ServiceId">Primary key, unique across nodes and services.</param>
/// <param name="Name">Display name.</param>
public sealed record DependentService(string ServiceId, string Name)
{
    /// <summary>Company that runs the service, or <see langword="null"/>.</summary>
    public string? Operator { get; init; }

    /// <summary>NAICS 2022 two-digit sector code (<c>51</c>, <c>52</c>, <c>44-45</c>, …), or <see langword="null"/> when unknown.</summary>
    public string? Sector { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the operator, or <see langword="null"/> when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>Users (people), 0 to 100 billion, or <see langword="null"/> when unknown.</summary>
    public long? Users { get; init; }

    /// <summary>Annual revenue in USD per year, ≥ 0, or <see langword="null"/> when unknown.</summary>
    public double? AnnualRevenueUsd { get; init; }

    /// <summary>Relative weight ≥ 0 (1 = ordinary), or <see langword="null"/> when unknown.</summary>
    public double? Criticality { get; init; }

    /// <summary>Popularity rank ≥ 1 (e.g. Alexa rank; 1 = most popular), or <see langword="null"/>.</summary>
    public int? Rank { get; init; }

    /// <summary>Where the service and its figures come from (a key of <c>sources.csv</c>), or <see langword="null"/>.</summary>
    public string? SourceId { get; init; }

    /// <summary>Remarks, or <see langword="null"/>.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// A row of <c>requirements.csv</c>: <see cref="DependentId"/> needs <see cref="TargetId"/> through group
/// <see cref="GroupId"/>. Rows with the same dependent and group are alternatives (OR: one target up is
/// enough); different groups of a dependent are all required (AND).
/// </summary>
/// <param name="DependentId">A service or node id.</param>
/// <param name="Layer">Layer of the requirement (cloud, dns, cdn, ca, …); the same for every row of a group.</param>
/// <param name="GroupId">Group of alternatives within the dependent.</param>
/// <param name="TargetId">A node id.</param>
public sealed record Requirement(string DependentId, string Layer, string GroupId, string TargetId)
{
    /// <summary>Where the dependency is stated (a key of <c>sources.csv</c>), or <see langword="null"/>.</summary>
    public string? SourceId { get; init; }

    /// <summary>Remarks, or <see langword="null"/>.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// The dependency tables of one data folder: nodes, services and the requirements between them, with
/// the sources and providers they cite.
/// </summary>
/// <param name="Sources">Rows of <c>sources.csv</c>.</param>
/// <param name="Providers">Rows of <c>providers.csv</c>.</param>
/// <param name="Nodes">Rows of <c>nodes.csv</c>.</param>
/// <param name="Services">Rows of <c>services.csv</c>.</param>
/// <param name="Requirements">Rows of <c>requirements.csv</c>.</param>
public sealed record DependencyData(
    IReadOnlyList<Source> Sources,
    IReadOnlyList<Provider> Providers,
    IReadOnlyList<DependencyNode> Nodes,
    IReadOnlyList<DependentService> Services,
    IReadOnlyList<Requirement> Requirements);
