namespace Vae.Reproduce.QuantumPaper;

/// <summary>How far the printed E¹ formula is from the exact integral under one convention and one reading.</summary>
/// <param name="Convention">The convention of the exact integral.</param>
/// <param name="SignFactor">How (−1)^t was read.</param>
/// <param name="CapitalN">"t" when N = t was used, otherwise the constant value of N.</param>
/// <param name="MaxDeviationIntegerT">max |printed − exact| over integer t of the grid (complex modulus).</param>
/// <param name="MaxDeviationNonIntegerT">max |printed − exact| over non-integer t of the grid.</param>
/// <param name="MaxImaginaryPart">max |Im printed| over the grid (0 when the sign factor is omitted).</param>
/// <param name="MaxExact">max |exact| over the grid, for scale.</param>
/// <param name="Comparisons">Number of (n, t) points compared (t = 0 and t = 2n excluded).</param>
public sealed record PaperComparisonRow(
    PaperConvention Convention, PaperSignFactor SignFactor, string CapitalN,
    double MaxDeviationIntegerT, double MaxDeviationNonIntegerT, double MaxImaginaryPart, double MaxExact, int Comparisons);
