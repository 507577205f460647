using MathNet.Numerics.Providers.LinearAlgebra;

namespace Vae.Core.Numerics.Mkl;

/// <summary>
/// MathNet 5's <see cref="ILinearAlgebraProvider"/> over Intel MKL (<c>libmkl_rt.so</c>): <c>double</c> and
/// <c>float</c> run in MKL (<see cref="MklRealProvider{T, TMkl}"/>); <c>Complex</c> and <c>Complex32</c> are
/// delegated to MathNet's managed provider. Installed by <see cref="VaeNumerics.UseMkl"/>.
/// </summary>
internal sealed partial class MklLinearAlgebraProvider : ILinearAlgebraProvider
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    internal MklRealProvider<double, MklDouble> Double { get; } = new();

    internal MklRealProvider<float, MklSingle> Single { get; } = new();

    /// <summary>Calls into MKL made by the double and float providers since start-up.</summary>
    internal long NativeCalls => Double.NativeCalls + Single.NativeCalls;

    public bool IsAvailable() => MklRuntime.Status.IsAvailable;

    public void InitializeVerify()
    {
        var status = MklRuntime.Status;
        if (!status.IsAvailable)
            throw new NotSupportedException($"Intel MKL is not available: {status.FailureReason}");
    }

    public void FreeResources()
    {
        // MKL's buffers are owned by the library itself; nothing is held here.
    }

    public override string ToString()
    {
        var s = MklRuntime.Status;
        return $"Intel MKL ({s.Version}; threading {s.ThreadingLayer}, {s.MaxThreads} threads) via Vae";
    }
}
