using System.Globalization;
using Vae.Core.Data;

namespace Vae.Cli;

/// <summary>
/// Validation of command-line values before any output is written: every failure is an <see cref="ArgumentException"/>
/// whose one-line message names the option and the offending value (exit code 2, see <see cref="CommandRunner"/>).
/// </summary>
internal static class OptionChecks
{
    /// <summary>Throws "OPTION VALUE: RULE" unless <paramref name="condition"/> holds.</summary>
    internal static void Require(bool condition, string option, object? value, string rule)
    {
        if (!condition) throw new ArgumentException($"{option} {Format(value)}: {rule}", option);
    }

    /// <summary>Runs an options record's <c>Validate</c> and turns its range error into a usage error naming the option:
    /// the property named by the exception's <c>ParamName</c> (<c>"BatchSize"</c>, <c>"options.Box"</c>) is looked up in
    /// <paramref name="optionOf"/> (property → option), else spelled in kebab case (<c>--batch-size</c>); a <c>ParamName</c> that
    /// is already an option (<c>"--objective"</c>) is kept, and a message that already starts with it is not prefixed again.</summary>
    internal static void Check(Action validate, IReadOnlyDictionary<string, string>? optionOf = null)
    {
        try { validate(); }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            var property = (e.ParamName ?? "").Split('.')[^1];
            var option = property.StartsWith("--", StringComparison.Ordinal) ? property   // already named by the option
                : optionOf is not null && optionOf.TryGetValue(property, out var o) ? o : Kebab(property);
            var text = Text(e);
            if (text.StartsWith(option + " ", StringComparison.Ordinal)) throw new ArgumentException(text, option, e);
            var value = e is ArgumentOutOfRangeException { ActualValue: { } actual } ? Format(actual) + ": " : "";
            throw new ArgumentException($"{option} {value}{text}", option, e);
        }
    }

    /// <summary>Builds a value (an options record, an objective) whose factory validates, naming the option on failure (see <see cref="Check(Action, IReadOnlyDictionary{string, string}?)"/>).</summary>
    internal static T Check<T>(Func<T> build, IReadOnlyDictionary<string, string>? optionOf = null)
    {
        T value = default!;
        Check(() => { value = build(); }, optionOf);
        return value;
    }

    /// <summary>Checks <c>--dataset</c> and <c>--data-dir</c> by <see cref="DatasetRegistry.Validate"/>, the rule
    /// <see cref="DatasetRegistry.Load"/> applies, without loading anything: an unknown name, or a data directory given where
    /// none is used or missing where one is needed, is a usage error naming the options and their values.</summary>
    /// <param name="name">The <c>--dataset</c> value (case-insensitive, as the registry accepts it).</param>
    /// <param name="dataDirectory">The <c>--data-dir</c> value; empty for none.</param>
    /// <returns>The registry name: trimmed and lower case.</returns>
    internal static string Dataset(string name, string dataDirectory)
    {
        try { return DatasetRegistry.Validate(name, dataDirectory); }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            if (e.ParamName == "dataDirectory")
                throw new ArgumentException($"--dataset '{name}' with --data-dir '{dataDirectory}': {Text(e)}", "--data-dir", e);
            throw new ArgumentException($"--dataset '{name}': {Text(e)}", "--dataset", e);
        }
    }

    /// <summary>A comma-separated list of positive integers, e.g. <c>--hidden 200,200</c>; at least <paramref name="minimumCount"/> entries.</summary>
    internal static int[] PositiveIntegers(string text, string option, int minimumCount = 1)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] <= 0)
                throw new ArgumentException($"{option} '{text}': '{parts[i]}' is not a positive integer (at most {int.MaxValue}).", option);
        if (values.Length < minimumCount) throw new ArgumentException($"{option} '{text}' needs at least {minimumCount} value(s).", option);
        return values;
    }

    /// <summary>A comma-separated list of finite numbers ≥ 0, e.g. <c>--gamma 0.1,1</c> or <c>--lambdas 1e-4,1e-2</c>; at least
    /// <paramref name="minimumCount"/> entries. "NaN" and "∞", which <see cref="double.TryParse(string?, out double)"/> accepts, are refused.</summary>
    internal static double[] NonNegativeNumbers(string text, string option, int minimumCount = 1)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < minimumCount) throw new ArgumentException($"{option} '{text}' needs at least {minimumCount} value(s).", option);
        return parts.Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{option} value '{s}' is not a finite number ≥ 0.", option)).ToArray();
    }

    /// <summary>The first line of an exception's message, without .NET's "(Parameter 'x')" suffix.</summary>
    private static string Text(ArgumentException e) => e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine, 2)[0];

    private static string Kebab(string property) =>
        "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static string Format(object? value) => value switch
    {
        null => "(none)",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
