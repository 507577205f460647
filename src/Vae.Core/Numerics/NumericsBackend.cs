namespace Vae.Core.Numerics;

/// <summary>The linear-algebra backend behind MathNet and the neural engine.</summary>
public enum NumericsBackend
{
    /// <summary>MathNet's managed provider (pure .NET).</summary>
    Managed,

    /// <summary>Intel MKL through Vae's own MathNet provider (<c>libmkl_rt.so</c>).</summary>
    Mkl,
}
