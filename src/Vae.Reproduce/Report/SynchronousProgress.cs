namespace Vae.Reproduce;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, at once. <see cref="Progress{T}"/> instead
/// posts every report to the thread pool, where the handler allocates while the trainer's thread is inside libtorch:
/// a garbage collection then may finalize a TorchSharp <c>Scalar</c> that a running native call still reads (TorchSharp
/// passes implicitly converted scalars by handle without keeping them alive; seen once as a libtorch "toFloat" error in
/// the MNIST section, docs/reliability.md). With the handler on the training thread, collections happen only where that
/// thread allocates, in managed code. The handler must be cheap and thread-safe if several threads report.
/// </summary>
/// <typeparam name="T">The report.</typeparam>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
