namespace RiskToolkit.Dependencies;

/// <summary>NAICS 2022 sectors, the classification of <c>services.sector</c>.</summary>
public static class NaicsSectors
{
    /// <summary>NAICS 2022 sector titles (US Census Bureau), for labels.</summary>
    /// <param name="code">A two-digit code, a range such as 44-45, or <see cref="ImpactByKey.Unknown"/>.</param>
    /// <returns>"51 Information" style label; the code itself when it is not a NAICS sector.</returns>
    public static string Title(string code) => code switch
    {
        "11" => "11 Agriculture",
        "21" => "21 Mining",
        "22" => "22 Utilities",
        "23" => "23 Construction",
        "31-33" => "31-33 Manufacturing",
        "42" => "42 Wholesale trade",
        "44-45" => "44-45 Retail trade",
        "48-49" => "48-49 Transportation",
        "51" => "51 Information",
        "52" => "52 Finance and insurance",
        "53" => "53 Real estate",
        "54" => "54 Professional services",
        "55" => "55 Management of companies",
        "56" => "56 Administrative services",
        "61" => "61 Educational services",
        "62" => "62 Health care",
        "71" => "71 Arts and recreation",
        "72" => "72 Accommodation and food",
        "81" => "81 Other services",
        "92" => "92 Public administration",
        _ => code,
    };
}
