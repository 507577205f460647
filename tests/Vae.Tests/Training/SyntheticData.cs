using Vae.Core.Data;

namespace Vae.Tests.Training;

/// <summary>Binary images around a few random prototypes, each pixel flipped with probability 0.1.</summary>
internal static class SyntheticData
{
    internal static Dataset Prototypes(int samples, int features, int classes, int seed)
    {
        var random = new Random(seed);
        var prototypes = new bool[classes, features];
        for (int c = 0; c < classes; c++)
        for (int j = 0; j < features; j++)
            prototypes[c, j] = random.NextDouble() < 0.5;
        var values = new float[samples * features];
        var labels = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            labels[i] = i % classes;
            for (int j = 0; j < features; j++)
                values[i * features + j] = prototypes[labels[i], j] ^ (random.NextDouble() < 0.1) ? 1f : 0f;
        }
        return Dataset.Create("synthetic-prototypes", values, labels, [features]);
    }
}
