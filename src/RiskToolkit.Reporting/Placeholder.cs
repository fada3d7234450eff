namespace RiskToolkit.Reporting;
/// <summary>Placeholder.</summary>
public static class Placeholder { }
