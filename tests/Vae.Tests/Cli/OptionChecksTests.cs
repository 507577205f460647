using NUnit.Framework;
using Vae.Cli;

namespace Vae.Tests.Cli;

/// <summary>Usage errors name the option once, whether the failing code named a property or the option itself.</summary>
public sealed class OptionChecksTests
{
    [Test]
    public void APropertyNameBecomesItsOptionWithTheValue()
    {
        var e = Assert.Throws<ArgumentException>(() => OptionChecks.Check(
            () => throw new ArgumentOutOfRangeException("BatchSize", 0, "The batch size must be at least 1.")))!;
        Assert.That(e.Message, Does.StartWith("--batch-size 0: The batch size must be at least 1."));
        Assert.That(e.ParamName, Is.EqualTo("--batch-size"));
    }

    [Test]
    public void AMappedPropertyUsesTheGivenOption()
    {
        var e = Assert.Throws<ArgumentException>(() => OptionChecks.Check(
            () => throw new ArgumentOutOfRangeException("options.BatchSize", 0, "At least 1."), new Dictionary<string, string> { ["BatchSize"] = "--batch" }))!;
        Assert.That(e.Message, Does.StartWith("--batch 0: At least 1."));
    }

    [Test]
    public void AnOptionNamedByTheThrowerIsNotRepeated()
    {
        var e = Assert.Throws<ArgumentException>(() => OptionChecks.Check(
            () => throw new ArgumentException("--objective 'kl' is not one of elbo, renyi.", "--objective")))!;
        Assert.That(e.Message, Does.StartWith("--objective 'kl' is not one of elbo, renyi."));
        Assert.That(e.Message, Does.Not.Contain("----"));
        Assert.That(e.ParamName, Is.EqualTo("--objective"));
    }
}
