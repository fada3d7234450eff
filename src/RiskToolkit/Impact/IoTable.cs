using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace RiskToolkit.Impact;

/// <summary>
/// An input-output table of n sectors for the Inoperability Input-Output Model: the technical
/// coefficients A (n×n), each sector's total output x̂ and the NAICS 2022 sectors it covers.
/// </summary>
/// <remarks>
/// <para>
/// A[i, j] is the input bought from sector i per dollar of output of sector j (USD per USD), from an
/// input-output use table: A[i, j] = use[i, j] ÷ x̂_j (Leontief; Miller and Blair, Input-Output
/// Analysis, 2nd ed. 2009, §2.2). The bundled table (<c>data/io_coefficients.csv</c>,
/// <c>data/io_sectors.csv</c>) is BEA's 2015 summary use table aggregated to 15 sectors; read it with
/// <see cref="Data.IoTableReader.Load"/>.
/// </para>
/// <para>
/// The table is immutable: the constructor copies its arguments and <see cref="TechnicalCoefficients"/>
/// returns a fresh copy. The constructor does not require A to be productive (every column sum below 1);
/// the data reader does, and <see cref="InoperabilityModel"/> checks the conditioning of I − A* before it
/// solves. R equivalent: the <c>ioanalysis</c> package's <c>as.inputoutput</c> object.
/// </para>
/// </remarks>
public sealed record IoTable
{
    private readonly Matrix<double> coefficients;
    private readonly ImmutableDictionary<string, string> sectorOfNaics;
    private readonly ImmutableDictionary<string, int> indexOf;

    /// <summary>Creates a table, copying every argument.</summary>
    /// <param name="sectorIds">Sector ids, n ≥ 1, unique and non-empty, in the order of the rows and columns of A.</param>
    /// <param name="sectorNames">Display names, n of them.</param>
    /// <param name="naics">Per sector, the NAICS 2022 sector codes it covers (e.g. <c>52</c> and <c>53</c>); may be empty; a code belongs to at most one sector.</param>
    /// <param name="technicalCoefficients">A, n×n, finite and ≥ 0 (USD of input from the row sector per USD of output of the column sector).</param>
    /// <param name="totalOutputUsd">x̂: total output of each sector in <paramref name="year"/>, USD per year, finite and &gt; 0.</param>
    /// <param name="year">The year the table describes.</param>
    /// <param name="sourceId">Source of the figures, a <c>source_id</c> of <c>sources.csv</c>.</param>
    /// <exception cref="ArgumentNullException">When an argument or an element is null.</exception>
    /// <exception cref="ArgumentException">When n = 0, the lengths or the shape of A do not match n, an id is empty or repeated, or a NAICS code is claimed by two sectors.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a coefficient is negative or not finite, or an output is not a finite number &gt; 0.</exception>
    public IoTable(
        IReadOnlyList<string> sectorIds,
        IReadOnlyList<string> sectorNames,
        IReadOnlyList<IReadOnlyList<string>> naics,
        Matrix<double> technicalCoefficients,
        IReadOnlyList<double> totalOutputUsd,
        int year,
        string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sectorIds);
        ArgumentNullException.ThrowIfNull(sectorNames);
        ArgumentNullException.ThrowIfNull(naics);
        ArgumentNullException.ThrowIfNull(technicalCoefficients);
        ArgumentNullException.ThrowIfNull(totalOutputUsd);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        int n = sectorIds.Count;
        if (n == 0)
        {
            throw new ArgumentException("At least one sector is required.", nameof(sectorIds));
        }

        CheckCount(sectorNames.Count, n, nameof(sectorNames));
        CheckCount(naics.Count, n, nameof(naics));
        CheckCount(totalOutputUsd.Count, n, nameof(totalOutputUsd));
        if (technicalCoefficients.RowCount != n || technicalCoefficients.ColumnCount != n)
        {
            throw new ArgumentException(
                $"Expected an {n}×{n} matrix for {n} sectors, found {technicalCoefficients.RowCount}×{technicalCoefficients.ColumnCount}.",
                nameof(technicalCoefficients));
        }

        var index = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var owner = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string id = sectorIds[i] ?? throw new ArgumentNullException(nameof(sectorIds), $"Sector id [{i}] is null.");
            if (id.Length == 0 || !index.TryAdd(id, i))
            {
                throw new ArgumentException($"Sector id [{i}] '{id}' is empty or repeated.", nameof(sectorIds));
            }

            ArgumentNullException.ThrowIfNull(sectorNames[i], nameof(sectorNames));
            foreach (string code in naics[i] ?? throw new ArgumentNullException(nameof(naics), $"NAICS list [{i}] is null."))
            {
                ArgumentNullException.ThrowIfNull(code, nameof(naics));
                if (!owner.TryAdd(code, id))
                {
                    throw new ArgumentException($"NAICS code '{code}' is claimed by sectors '{owner[code]}' and '{id}'.", nameof(naics));
                }
            }

            double output = totalOutputUsd[i];
            if (!double.IsFinite(output) || output <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(totalOutputUsd), output, $"Output of sector '{id}' must be a finite number > 0 (USD per year).");
            }

            for (int j = 0; j < n; j++)
            {
                double a = technicalCoefficients[i, j];
                if (!double.IsFinite(a) || a < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(technicalCoefficients), a, $"A[{i}, {j}] must be a finite number ≥ 0.");
                }
            }
        }

        SectorIds = [.. sectorIds];
        SectorNames = [.. sectorNames];
        Naics = naics.Select(codes => (IReadOnlyList<string>)codes.ToImmutableArray()).ToImmutableArray();
        TotalOutputUsd = [.. totalOutputUsd];
        Year = year;
        SourceId = sourceId;
        coefficients = technicalCoefficients.Clone();
        indexOf = index.ToImmutable();
        sectorOfNaics = owner.ToImmutable();
    }

    /// <summary>Sector ids, in the order of the rows and columns of A.</summary>
    public IReadOnlyList<string> SectorIds { get; }

    /// <summary>Display names, one per sector.</summary>
    public IReadOnlyList<string> SectorNames { get; }

    /// <summary>Per sector, the NAICS 2022 sector codes it covers, as <c>services.sector</c> writes them (<c>52</c>, <c>31-33</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Naics { get; }

    /// <summary>A copy of the technical coefficients A, n×n, USD of input per USD of output.</summary>
    public Matrix<double> TechnicalCoefficients => coefficients.Clone();

    /// <summary>x̂: total output per sector, USD per year.</summary>
    public IReadOnlyList<double> TotalOutputUsd { get; }

    /// <summary>The year the figures describe.</summary>
    public int Year { get; }

    /// <summary>Source of the figures, a <c>source_id</c> of <c>sources.csv</c>.</summary>
    public string SourceId { get; }

    /// <summary>Number of sectors n.</summary>
    public int Count => SectorIds.Count;

    /// <summary>A without copying, for the models of this assembly (which never modify it).</summary>
    internal Matrix<double> Coefficients => coefficients;

    /// <summary>The sector that covers a NAICS 2022 sector code.</summary>
    /// <param name="naicsSector">A code as <c>services.sector</c> writes it: <c>51</c>, <c>31-33</c>, <c>44-45</c>.</param>
    /// <returns>The sector id, or <see langword="null"/> when no sector of the table covers the code.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="naicsSector"/> is null.</exception>
    public string? SectorOfNaics(string naicsSector)
    {
        ArgumentNullException.ThrowIfNull(naicsSector);
        return sectorOfNaics.TryGetValue(naicsSector, out string? id) ? id : null;
    }

    /// <summary>Position of a sector id, or −1.</summary>
    internal int IndexOf(string sectorId) => indexOf.TryGetValue(sectorId, out int i) ? i : -1;

    private static void CheckCount(int count, int n, string paramName)
    {
        if (count != n)
        {
            throw new ArgumentException($"Expected {n} entries, one per sector, found {count}.", paramName);
        }
    }
}
