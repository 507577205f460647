using System.CommandLine;
using Vae.Cli;
using Vae.Cli.Commands;

// Bounded native memory for training (glibc's dynamic mmap threshold lets libtorch's aligned temporaries fragment the
// heap; docs/core-training.md). VAE_MALLOC=dynamic keeps glibc's default behaviour.
if (Environment.GetEnvironmentVariable("VAE_MALLOC") != "dynamic") Vae.Core.Torch.TorchRuntime.UseFixedMmapThreshold();

var root = new RootCommand("vae: study the latent spaces of variational autoencoders with physics and information geometry.");
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(FluidsCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(QuantumCommand.Create());
root.Subcommands.Add(GeometryCommand.Create());
root.Subcommands.Add(SweepCommand.Create());

return CommandRunner.Run(root, args);
