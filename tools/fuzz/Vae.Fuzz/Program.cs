using SharpFuzz;
using Vae.Fuzz;

// Vae.Fuzz TARGET                 run under afl-fuzz (SharpFuzz's out-of-process fork server), one input per execution
// Vae.Fuzz TARGET --replay FILE…  run the target on files outside AFL and print what escapes (crash triage)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Vae.Fuzz {{{string.Join("|", FuzzTargets.All.Keys)}}} [--replay FILE...]");
    return 2;
}
if (args.Length > 1 && args[1] == "--replay")
{
    int failures = 0;
    foreach (var file in args.Skip(2))
    {
        try
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok     {file}");
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"FAIL   {file}: {e.GetType().FullName}: {e.Message}");
            Console.WriteLine(e.StackTrace);
        }
    }
    return failures == 0 ? 0 : 1;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
