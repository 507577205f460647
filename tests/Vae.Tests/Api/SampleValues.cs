using System.Collections;
using System.Diagnostics;
using NUnit.Framework;
using Vae.Fluids.Sampling;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;

namespace Vae.Tests.Api;

/// <summary>
/// Builds values of the library's property types for the reflection tests: <see cref="Create"/> with a variant
/// k ≥ 1 gives fresh objects whose content depends only on (type, k), different variants giving different content.
/// A type it cannot build is a test failure naming the type and the property, never a silent skip.
/// </summary>
internal static class SampleValues
{
    private const int MaxDepth = 8;

    /// <summary>Types built only through validating factories (private constructors).</summary>
    private static readonly Dictionary<Type, Func<int, object>> Factories = new()
    {
        [typeof(AxisRange)] = k => AxisRange.Fixed(-k, k + 0.5),
        [typeof(HistogramBins)] = k => HistogramBins.Count(k + 1),
        [typeof(GrayImage)] = k => GrayImage.FromPixels(2, 1, new[] { 1f / (k + 1), 1f / (k + 2) }),
        [typeof(ParticleConfiguration)] = k => ParticleConfiguration.FromCoordinates([0.5, k], [k, 0.25], k + 1),
        [typeof(Vae.Fluids.Data.ConfigurationSet)] = k => Vae.Fluids.Data.ConfigurationSet.FromCoordinates(new[] { 0.5, 0.25 * k, k, 0.75 }, 1, 2, k + 1),
        [typeof(Vae.Quantum.Schrodinger.SchrodingerPotential)] = k => Vae.Quantum.Schrodinger.SchrodingerPotential.Create(
            MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 0, k }, { 1, 0.5 } }), 0.5 + k),
        [typeof(Vae.Quantum.Perturbation.PerturbationExpansion)] = k => Vae.Quantum.Perturbation.PerturbationExpansion.ForSinePotential(
            new Vae.Quantum.Systems.ParticleInBox(1.0 + k, 1.0), (Vae.Quantum.Potentials.SinePotential)Vae.Quantum.Potentials.Potential.Sine(0.5 * k), 3),
        [typeof(Vae.Fluids.Potentials.LennardJones)] = k => Vae.Fluids.Potentials.LennardJones.Truncated(2.0 + k),
        [typeof(Vae.Core.Sweeps.RunAnalysis)] = k => new Vae.Core.Sweeps.RunAnalysis($"analysis_{k}", $"analysis {k}", (_, _) => k),
    };

    /// <summary>A value of <paramref name="type"/> determined by <paramref name="variant"/> (≥ 1).</summary>
    /// <param name="type">The type to build.</param>
    /// <param name="variant">Which value: equal variants give equal content, different variants different content.</param>
    /// <param name="context">What the value is for (e.g. <c>LinePlot.Series</c>), for the failure message.</param>
    /// <param name="depth">Nesting depth of records inside records.</param>
    internal static object Create(Type type, int variant, string context, int depth = 0)
    {
        if (depth > MaxDepth) Assert.Fail($"Sample values for {context} nest deeper than {MaxDepth} levels.");
        if (type == typeof(int)) return 3 + 4 * variant;
        if (type == typeof(long)) return 5L + 6 * variant;
        if (type == typeof(double)) return 0.25 + 1.5 * variant;
        if (type == typeof(float)) return 0.5f + 2 * variant;
        if (type == typeof(bool)) return variant % 2 == 1;
        if (type == typeof(string)) return $"{context}#{variant}";
        if (type.IsEnum) return EnumValue(type, variant, context);
        if (Factories.TryGetValue(type, out var factory)) return factory(variant);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var (key, value) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            for (int i = 0; i < 2; i++)
                dictionary[Create(key, variant + i, $"{context}.key{i}", depth + 1)] = Create(value, variant + i, $"{context}[{i}]", depth + 1);
            return dictionary;
        }
        if (ListElementType(type) is { } element)
        {
            var list = Array.CreateInstance(element, 2);
            for (int i = 0; i < list.Length; i++) list.SetValue(Create(element, variant + i, $"{context}[{i}]", depth + 1), i);
            return list;
        }
        if (type.IsAbstract) return Create(ConcreteSubtype(type, variant, context), variant, context, depth);
        if (type.GetConstructor(Type.EmptyTypes) is { } parameterless && PublicRecords.SettableProperties(type).Count > 0)
        {
            var record = parameterless.Invoke(null);
            var properties = PublicRecords.SettableProperties(type);
            for (int i = 0; i < properties.Count; i++)
                properties[i].SetValue(record, Create(properties[i].PropertyType, variant + i, $"{type.Name}.{properties[i].Name}", depth + 1));
            return record;
        }
        var constructor = type.GetConstructors()
            .Where(c => c.GetParameters() is { Length: > 0 } ps && !(ps.Length == 1 && ps[0].ParameterType == type))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is not null)
        {
            var parameters = constructor.GetParameters();
            var arguments = parameters.Select((p, i) => Create(p.ParameterType, variant + i, $"{type.Name}({p.Name})", depth + 1)).ToArray();
            return constructor.Invoke(arguments);
        }
        Assert.Fail($"No sample value for type {type.FullName} (needed for {context}): add a factory to SampleValues.Factories.");
        throw new UnreachableException();
    }

    /// <summary>Element-wise equality for lists (recursively), <see cref="object.Equals(object?, object?)"/> otherwise.</summary>
    internal static bool ContentEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (a is string || a is not IEnumerable || b is not IEnumerable) return a.Equals(b);
        var left = ((IEnumerable)a).Cast<object?>().ToArray();
        var right = ((IEnumerable)b).Cast<object?>().ToArray();
        return left.Length == right.Length && left.Zip(right).All(p => ContentEquals(p.First, p.Second));
    }

    /// <summary>T for <c>IReadOnlyList&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c> or <c>T[]</c>; null otherwise.</summary>
    private static Type? ListElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static object EnumValue(Type type, int variant, string context)
    {
        var values = Enum.GetValues(type);
        if (values.Length < 2) Assert.Fail($"Enum {type.Name} ({context}) has fewer than two values; no two variants differ.");
        return values.GetValue(variant % values.Length)!;
    }

    private static Type ConcreteSubtype(Type type, int variant, string context)
    {
        var subtypes = type.Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && type.IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        if (subtypes.Length == 0) Assert.Fail($"No public concrete subtype of {type.FullName} to build {context}.");
        return subtypes[variant % subtypes.Length];
    }
}
