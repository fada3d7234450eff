namespace RiskToolkit.Impact;

/// <summary>
/// One event of a catalogue: how often it happens and what it may cost. The loss sample stands for the
/// uncertainty of one occurrence's loss (e.g. Monte Carlo trials of an outage scenario); each occurrence in
/// a simulated period draws one of them.
/// </summary>
/// <param name="EventId">Event identifier, ≥ 1 and unique within the catalogue (the Oasis <c>EventId</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="AnnualRate">Poisson occurrence rate, events per year (finite, ≥ 0); 0 means the event never occurs.</param>
/// <param name="Samples">Loss of one occurrence, USD (finite, ≥ 0), at least one; sample i (0-based) has Oasis <c>SampleId</c> i + 1.</param>
/// <remarks>
/// Validated by the functions that take a catalogue (<see cref="ExceedanceAnalysis.SimulatePeriods"/>,
/// <see cref="OasisTables.Write"/>), which throw <see cref="ArgumentException"/> naming the event.
/// </remarks>
public sealed record EventLossSamples(int EventId, string Name, double AnnualRate, IReadOnlyList<double> Samples)
{
    /// <summary>
    /// Checks a catalogue: not null, at least one event, no null event, ids ≥ 1 and unique, names not null,
    /// rates finite and ≥ 0, at least one sample per event, samples finite and ≥ 0.
    /// </summary>
    /// <returns>The samples of each event copied into arrays, in catalogue order, so later changes to the caller's lists do not matter.</returns>
    internal static double[][] Validate(IReadOnlyList<EventLossSamples> catalogue, string paramName)
    {
        ArgumentNullException.ThrowIfNull(catalogue, paramName);
        if (catalogue.Count == 0)
        {
            throw new ArgumentException("The catalogue needs at least one event.", paramName);
        }

        var ids = new HashSet<int>();
        var samples = new double[catalogue.Count][];
        for (var i = 0; i < catalogue.Count; i++)
        {
            EventLossSamples? e = catalogue[i] ?? throw new ArgumentException($"Event [{i}] is null.", paramName);
            if (e.EventId < 1)
            {
                throw new ArgumentException($"Event [{i}] has id {e.EventId}; event ids must be ≥ 1.", paramName);
            }

            if (!ids.Add(e.EventId))
            {
                throw new ArgumentException($"Event id {e.EventId} appears more than once; event ids must be unique.", paramName);
            }

            if (e.Name is null)
            {
                throw new ArgumentException($"Event {e.EventId} has no name.", paramName);
            }

            if (!double.IsFinite(e.AnnualRate) || e.AnnualRate < 0)
            {
                throw new ArgumentException($"Event {e.EventId} has annual rate {e.AnnualRate}; the rate must be a finite number ≥ 0 (events per year).", paramName);
            }

            if (e.Samples is null || e.Samples.Count == 0)
            {
                throw new ArgumentException($"Event {e.EventId} has no loss samples; at least one is required.", paramName);
            }

            var copy = new double[e.Samples.Count];
            for (var s = 0; s < copy.Length; s++)
            {
                var loss = e.Samples[s];
                if (!double.IsFinite(loss) || loss < 0)
                {
                    throw new ArgumentException($"Event {e.EventId} sample {s + 1} is {loss}; losses must be finite and ≥ 0 (USD).", paramName);
                }

                copy[s] = loss;
            }

            samples[i] = copy;
        }

        return samples;
    }
}
