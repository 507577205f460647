using NUnit.Framework;
using Vae.Fluids.Data;

namespace Vae.Tests.Fluids;

public sealed class ConfigurationSetTests
{
    // Three configurations of two particles in a box of side 4; configuration k has x = (k, k + 0.5), y = (0.25, 2k).
    private static readonly double[] Coordinates = [0, 0.25, 0.5, 0, 1, 0.25, 1.5, 2, 2, 0.25, 2.5, 4];
    private static readonly ConfigurationSet Set = ConfigurationSet.FromCoordinates(Coordinates, 3, 2, 4);

    [Test]
    public void SliceHoldsTheSameConfigurationsAsTheOriginalRange()
    {
        var slice = Set.Slice(1, 2);
        Assert.That((slice.Count, slice.Particles, slice.Box), Is.EqualTo((2, 2, 4.0)));
        Assert.That(slice.Configuration(0), Is.EqualTo(Set.Configuration(1)));
        Assert.That(slice.Configuration(1), Is.EqualTo(Set.Configuration(2)));
        Assert.That(slice.Configuration(1).X, Is.EqualTo(new[] { 2.0, 2.5 }));
        Assert.That(slice.Configuration(1).Y, Is.EqualTo(new[] { 0.25, 4.0 }));
        Assert.That(Set.Slice(3, 0).Count, Is.Zero);
    }

    [Test]
    public void SliceOutsideTheSetNamesTheParameter()
    {
        Assert.That(() => Set.Slice(-1, 1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("start"));
        Assert.That(() => Set.Slice(0, -1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("count"));
        Assert.That(() => Set.Slice(2, 2), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("count")
            .And.Message.Contains("start 2 + count 2 exceeds the 3 configurations"));
    }
}
