using System.Reflection;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Vae.Tests.Api;

/// <summary>Reflection over the public record types of the library assemblies (every <c>Vae.*.dll</c> beside the tests).</summary>
internal static class PublicRecords
{
    /// <summary>The library assemblies: every <c>Vae.*.dll</c> in the test directory except the test assemblies.</summary>
    internal static IReadOnlyList<Assembly> LibraryAssemblies()
    {
        var directory = TestContext.CurrentContext.TestDirectory;
        var assemblies = Directory.GetFiles(directory, "Vae.*.dll")
            .Where(path => !Path.GetFileNameWithoutExtension(path).EndsWith("Tests", StringComparison.Ordinal))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
            .ToArray();
        // Vae.Core, Vae.InfoGeometry, Vae.Quantum, Vae.Fluids, Vae.Plotting and Vae.Reproduce (the experiments).
        Assert.That(assemblies.Select(a => a.GetName().Name), Is.SupersetOf(new[] { "Vae.Core", "Vae.InfoGeometry", "Vae.Quantum", "Vae.Fluids", "Vae.Plotting", "Vae.Reproduce" }));
        return assemblies;
    }

    /// <summary>Every public record type (class records: they have the compiler's <c>&lt;Clone&gt;$</c> method), by full name.</summary>
    internal static IReadOnlyList<Type> All() =>
        LibraryAssemblies().SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.GetMethod("<Clone>$") is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The public constructor <c>T(T original)</c>, or null.</summary>
    internal static ConstructorInfo? PublicCopyConstructor(Type type) => type.GetConstructor([type]);

    /// <summary>Public instance properties with a public <c>init</c> (or <c>set</c>) accessor, base-type properties included.</summary>
    internal static IReadOnlyList<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Whether <paramref name="property"/> has an <c>init</c> accessor (rather than <c>set</c>).</summary>
    internal static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) == true;

    /// <summary>Public instance properties without index parameters (everything a caller can read).</summary>
    internal static IReadOnlyList<PropertyInfo> ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every instance field of <paramref name="type"/> and its base types (the record's whole state).</summary>
    internal static IReadOnlyList<FieldInfo> InstanceFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        return fields;
    }

    /// <summary>A copy made as C#'s <c>with</c> makes it: the record's <c>&lt;Clone&gt;$</c> method.</summary>
    internal static object CloneLikeWith(object record) =>
        record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
}
