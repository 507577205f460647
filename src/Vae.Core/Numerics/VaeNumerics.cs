using MathNet.Numerics.Providers.LinearAlgebra;
using Vae.Core.Numerics.Mkl;

namespace Vae.Core.Numerics;

/// <summary>
/// The switch between Intel MKL and MathNet's managed provider, for MathNet's dense matrices and for the
/// neural engine's GEMM. <see cref="UseMkl"/> installs Vae's MKL provider with
/// <see cref="LinearAlgebraControl.Provider"/>; <see cref="UseBestAvailable()"/> is what the library's entry
/// points and the <c>vae</c> command call.
/// </summary>
/// <remarks>
/// Environment: <c>VAE_REQUIRE_MKL=1</c> turns a missing MKL into an error in <see cref="UseBestAvailable()"/>;
/// <c>MKL_THREADING_LAYER</c>, when set, is honoured instead of Vae's choice (GNU OpenMP, see docs/numerics.md).
/// Like MathNet's <c>LinearAlgebraControl</c>, the provider is process-wide state.
/// </remarks>
public static class VaeNumerics
{
    private static readonly Lock Gate = new();
    private static MklLinearAlgebraProvider? _mkl;
    private static bool _initialized;

    /// <summary>Environment variable that makes a missing MKL an error: <c>VAE_REQUIRE_MKL=1</c>.</summary>
    public const string RequireMklVariable = "VAE_REQUIRE_MKL";

    /// <summary>The backend MathNet is using now.</summary>
    public static NumericsBackend Backend =>
        LinearAlgebraControl.Provider is MklLinearAlgebraProvider ? NumericsBackend.Mkl : NumericsBackend.Managed;

    /// <summary>What loading MKL found (version, threading layer, threads, or why it failed). Loads MKL on first use.</summary>
    public static MklStatus Mkl => MklRuntime.Status;

    /// <summary>Installs the MKL provider as MathNet's linear-algebra provider.</summary>
    /// <exception cref="NotSupportedException">MKL cannot be loaded; the previous provider stays active.</exception>
    public static void UseMkl()
    {
        lock (Gate)
        {
            var provider = _mkl ?? new MklLinearAlgebraProvider();
            LinearAlgebraControl.Provider = provider; // MathNet calls InitializeVerify first and keeps the old provider if it throws
            _mkl = provider;
            _initialized = true;
        }
    }

    /// <summary>Installs the MKL provider when possible.</summary>
    /// <returns><c>true</c> when MKL is now the provider; <c>false</c> (previous provider kept) otherwise.</returns>
    public static bool TryUseMkl()
    {
        try { UseMkl(); return true; }
        catch (NotSupportedException) { return false; }
    }

    /// <summary>Installs MathNet's managed provider.</summary>
    public static void UseManaged()
    {
        lock (Gate)
        {
            LinearAlgebraControl.UseManaged();
            _initialized = true;
        }
    }

    /// <summary>
    /// Installs MKL when it loads, otherwise MathNet's managed provider, silently: the library prints nothing and changes
    /// no environment variable. The caller decides what to tell the user (<see cref="Mkl"/>'s
    /// <see cref="MklStatus.FailureReason"/> says why MKL is missing). Idempotent: after the first call it returns the
    /// current backend without changing it.
    /// </summary>
    /// <returns>The backend in use.</returns>
    /// <exception cref="InvalidOperationException"><c>VAE_REQUIRE_MKL=1</c> is set and MKL cannot be loaded.</exception>
    public static NumericsBackend UseBestAvailable() => UseBestAvailable(NumericsOptions.Default);

    /// <summary>As <see cref="UseBestAvailable()"/>, with what the set-up may do to the process (e.g.
    /// <see cref="NumericsOptions.PassiveOpenMpWait"/>); the options take effect only if MKL has not been loaded yet.</summary>
    /// <param name="options">Process set-up the caller allows.</param>
    /// <returns>The backend in use.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>VAE_REQUIRE_MKL=1</c> is set and MKL cannot be loaded.</exception>
    public static NumericsBackend UseBestAvailable(NumericsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (_initialized) return Backend;
            MklRuntime.Configure(options);
            if (TryUseMkl()) return NumericsBackend.Mkl;
            var reason = MklRuntime.Status.FailureReason;
            if (Environment.GetEnvironmentVariable(RequireMklVariable) == "1")
                throw new InvalidOperationException($"{RequireMklVariable}=1 but Intel MKL is not available: {reason}");
            LinearAlgebraControl.UseManaged();
            _initialized = true;
            return NumericsBackend.Managed;
        }
    }

    /// <summary>A one-paragraph description: backend, MKL version, threading layer and threads.</summary>
    public static string Describe()
    {
        var s = MklRuntime.Status;
        return Backend == NumericsBackend.Mkl
            ? $"backend: MKL ({s.Version}; threading layer {s.ThreadingLayer}; max threads {s.MaxThreads})"
            : $"backend: managed ({LinearAlgebraControl.Provider}){(s.IsAvailable ? "" : $"; MKL unavailable: {s.FailureReason}")}";
    }

    /// <summary>The installed MKL provider when MKL is the backend, for the engine's direct GEMM calls.</summary>
    internal static MklLinearAlgebraProvider? ActiveMkl => LinearAlgebraControl.Provider as MklLinearAlgebraProvider;
}
