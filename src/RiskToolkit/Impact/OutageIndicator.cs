namespace RiskToolkit.Impact;

/// <summary>
/// A row of <c>outage_indicators.csv</c>: a published count that indicates an outage's scale, such as
/// Downdetector reports (FACTS §4b), for one event, metric and geographic scope.
/// </summary>
/// <param name="EventId">The event (id into outage_events.csv).</param>
/// <param name="Metric">What is counted and over which window, e.g. <c>downdetector_reports_first_2h</c>.</param>
/// <param name="Scope">
/// Where: <see cref="World"/>, or ISO 3166-1 alpha-2 countries separated by <c>;</c> (<c>US;CA</c> for a
/// figure that covers both together). See <see cref="Countries"/>.
/// </param>
/// <param name="Value">The count as published (≥ 0; a lower bound or an approximation when <paramref name="Qualifier"/> says so).</param>
/// <param name="Qualifier">How the source states the value: <c>exact</c>, <c>about</c>, <c>at_least</c> ("more than") or <c>at_most</c>.</param>
/// <param name="Unit">What one unit is: <c>reports</c>, <c>organisations</c>, <c>services</c>, <c>users</c> or <c>hours</c>.</param>
/// <param name="SourceId">Source of the figure (id into sources.csv).</param>
/// <param name="Note">What the figure measures and how it was read, or <see langword="null"/>.</param>
public sealed record OutageIndicator(
    string EventId,
    string Metric,
    string Scope,
    double Value,
    string Qualifier,
    string Unit,
    string SourceId,
    string? Note)
{
    /// <summary>The scope of a worldwide figure.</summary>
    public const string World = "world";

    /// <summary>Whether the figure is worldwide.</summary>
    public bool IsWorld => Scope == World;

    /// <summary>The countries of the scope in file order; empty for a worldwide figure.</summary>
    public IReadOnlyList<string> Countries => IsWorld ? [] : Scope.Split(';');
}
