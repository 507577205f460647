using System.CommandLine;
using System.Numerics;
using System.Runtime.InteropServices;
using Vae.Core.Numerics;
using Vae.Core.Torch;

namespace Vae.Cli.Commands;

/// <summary><c>vae info</c>: the numeric backend, MKL version and threading, libtorch (version, device, threads, the
/// libstdc++ workaround, Scalar quarantine), .NET version and SIMD width.</summary>
internal static class InfoCommand
{
    internal static Command Create()
    {
        var command = new Command("info", "Print the numeric backend (MKL version, threading layer, threads), libtorch (version, device, threads, libstdc++ workaround, Scalar quarantine), .NET version and SIMD width.");
        command.SetAction(_ =>
        {
            foreach (var line in Lines()) Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    internal static IEnumerable<string> Lines()
    {
        var backend = CommandRunner.UseBestNumerics();
        var mkl = VaeNumerics.Mkl;
        yield return $"vae {typeof(InfoCommand).Assembly.GetName().Version}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), {Environment.ProcessorCount} logical cores";
        yield return $"SIMD: Vector<float>.Count = {Vector<float>.Count} ({Vector<byte>.Count * 8}-bit vectors, hardware accelerated: {Vector.IsHardwareAccelerated})";
        if (mkl.IsAvailable)
        {
            yield return $"MKL: {mkl.Version}";
            yield return $"MKL threading layer: {mkl.ThreadingLayer}";
            yield return $"MKL max threads: {mkl.MaxThreads}";
        }
        else
        {
            yield return $"MKL: not available ({mkl.FailureReason})";
        }
        yield return $"MathNet provider: {MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider}";
        yield return backend == NumericsBackend.Mkl ? "backend: MKL" : "backend: managed";
        yield return $"libtorch: {TorchRuntime.LibTorchVersion} (TorchSharp {TorchRuntime.TorchSharpVersion})";
        yield return $"libtorch device: {(TorchRuntime.IsCudaAvailable ? "cuda available (auto selects it)" : "cpu (CUDA not available)")}";
        yield return $"libtorch threads: {TorchRuntime.Threads} by default here; training uses TrainingOptions.Threads (default {Vae.Core.Training.TrainingOptions.Default.Threads}, vae train --threads)";
        yield return $"libstdc++ workaround: {TorchRuntime.LibStdCxxWorkaround}";
        yield return $"Scalar quarantine: {TorchRuntime.ScalarQuarantineStatus}";
    }
}
