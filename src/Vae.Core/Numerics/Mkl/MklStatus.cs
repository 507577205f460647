namespace Vae.Core.Numerics.Mkl;

/// <summary>What was found when loading Intel MKL.</summary>
/// <param name="IsAvailable">Whether <c>libmkl_rt.so</c> loaded and passed its self-check.</param>
/// <param name="Version">MKL's own version string (<c>MKL_Get_Version_String</c>), or empty.</param>
/// <param name="ThreadingLayer">The threading layer in use (GNU, SEQUENTIAL, or what <c>MKL_THREADING_LAYER</c> asked for).</param>
/// <param name="MaxThreads">MKL's maximum number of threads (<c>MKL_Get_Max_Threads</c>); 0 when unavailable.</param>
/// <param name="FailureReason">Why MKL is unavailable, or empty.</param>
public sealed record MklStatus(bool IsAvailable, string Version, string ThreadingLayer, int MaxThreads, string FailureReason)
{
    internal static MklStatus Unavailable(string reason) => new(false, "", "", 0, reason);
}
