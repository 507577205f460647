using System.IO.Compression;
using System.Text;
using NUnit.Framework;
using Vae.Fuzz;

namespace Vae.Tests.IO;

/// <summary>
/// The readers' fuzzing contract (docs/fuzzing.md) checked without AFL: every fuzz target of tools/fuzz runs over its
/// committed seed corpus and over <see cref="Mutations"/> seeded random mutations of it (bit flips, interesting bytes and
/// numbers, insertions, deletions, splices, dictionary tokens, gzip for IDX). A target lets only the reader's documented
/// exception (<see cref="InvalidDataException"/>) pass silently; anything else fails the test with the input in base64.
/// </summary>
[TestFixture]
public sealed class FuzzContractTests
{
    /// <summary>Mutated inputs per target (about a second per target).</summary>
    private const int Mutations = 3000;

    private static string CorpusDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "FuzzCorpus");

    public static IEnumerable<string> Targets => FuzzTargets.All.Keys;

    [TestCaseSource(nameof(Targets))]
    public void SeedCorpusKeepsTheContract(string target)
    {
        var files = Directory.GetFiles(Path.Combine(CorpusDirectory, target));
        Assert.That(files, Has.Length.GreaterThanOrEqualTo(5), "the seed corpus of each reader has valid and near-valid files");
        foreach (var file in files) Run(target, File.ReadAllBytes(file), Path.GetFileName(file));
    }

    [TestCaseSource(nameof(Targets))]
    public void SeededMutationsKeepTheContract(string target)
    {
        var seeds = Directory.GetFiles(Path.Combine(CorpusDirectory, target)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var tokens = File.ReadAllLines(Path.Combine(CorpusDirectory, "json.dict"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => Encoding.UTF8.GetBytes(l[(l.IndexOf('=', StringComparison.Ordinal) + 2)..^1].Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToArray();
        var random = new Random(15);
        for (int i = 0; i < Mutations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], seeds, tokens, random, target == "idx");
            Run(target, input, $"mutation {i}");
        }
    }

    private static void Run(string target, byte[] input, string what)
    {
        try
        {
            FuzzTargets.All[target](input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{target}: {what} escaped with {e.GetType().FullName}: {e.Message}\ninput (base64): {Convert.ToBase64String(input)}\n{e.StackTrace}");
        }
    }

    /// <summary>One to four stacked AFL-style havoc operations.</summary>
    private static byte[] Mutate(byte[] seed, byte[][] seeds, byte[][] tokens, Random random, bool mayGzip)
    {
        var bytes = new List<byte>(seed);
        int operations = 1 + random.Next(4);
        for (int k = 0; k < operations; k++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when bytes.Count > 0: bytes[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 2 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                case 3: bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), 1 + random.Next(16))); break;
                case 4: bytes.InsertRange(at, tokens[random.Next(tokens.Length)]); break;
                case 5 when bytes.Count >= 4:
                    {
                        // A 32-bit integer, big- or little-endian, set to a boundary value.
                        int w = Math.Min(at, bytes.Count - 4);
                        uint v = BoundaryIntegers[random.Next(BoundaryIntegers.Length)];
                        var b = BitConverter.GetBytes(v);
                        if (random.Next(2) == 0) Array.Reverse(b);
                        for (int j = 0; j < 4; j++) bytes[w + j] = b[j];
                        break;
                    }
                case 6:
                    {
                        // A decimal number in text replaced by a boundary one.
                        var text = BoundaryNumbers[random.Next(BoundaryNumbers.Length)];
                        int digit = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
                        if (digit < 0) break;
                        int end = digit;
                        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.') end++;
                        bytes.RemoveRange(digit, end - digit);
                        bytes.InsertRange(digit, Encoding.ASCII.GetBytes(text));
                        break;
                    }
                case 7:
                    {
                        var other = seeds[random.Next(seeds.Length)];
                        int from = random.Next(other.Length + 1);
                        bytes.RemoveRange(at, bytes.Count - at);
                        bytes.AddRange(other.AsSpan(from).ToArray());
                        break;
                    }
                case 8 when bytes.Count > 0: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        var result = bytes.ToArray();
        if (mayGzip && random.Next(4) == 0)
        {
            using var output = new MemoryStream();
            using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(result);
            result = output.ToArray();
            if (random.Next(2) == 0 && result.Length > 12) result[10 + random.Next(result.Length - 10)] ^= 0x40;
        }
        return result;
    }

    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'{', (byte)'[', (byte)',', (byte)'\\', 0xC3, 0xE2];

    private static readonly uint[] BoundaryIntegers = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 0xFFFF, 0x00000801, 0x00000803];

    private static readonly string[] BoundaryNumbers =
        ["0", "-1", "2147483647", "2147483648", "4294967296", "9223372036854775807", "1e308", "1e400", "-0", "0.5", "99999999999999999999999"];
}
