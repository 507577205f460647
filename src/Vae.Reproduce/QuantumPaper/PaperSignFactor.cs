namespace Vae.Reproduce.QuantumPaper;

/// <summary>How the factor (−1)^t of the paper's printed E¹ formula is read.</summary>
public enum PaperSignFactor
{
    /// <summary>Verbatim, principal branch: (−1)^t = exp(t Log(−1)) = exp(iπt) = cos πt + i sin πt (complex for non-integer t).</summary>
    PrincipalBranch,

    /// <summary>The factor left out (read as 1); with N = t this makes the formula the integral it was derived from.</summary>
    Omitted,
}
