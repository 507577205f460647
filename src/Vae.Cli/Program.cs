using System.CommandLine;
using Vae.Cli;
using Vae.Cli.Commands;

var root = new RootCommand("vae: study the latent spaces of variational autoencoders with physics and information geometry.");
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(FluidsCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(QuantumCommand.Create());
root.Subcommands.Add(GeometryCommand.Create());

return CommandRunner.Run(root, args);
