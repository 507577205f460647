using Vae.Fluids.Data;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Learning;

/// <summary>
/// Where generated configurations lose their physical validity: the same geometry (<see cref="LatentGeneration.Rebuild"/>:
/// symmetrise → classical MDS → resting → closest pair) applied stage by stage to (a) real held-out matrices, (b) the
/// same after the model's input normalisation round trip (standardise → single precision → un-standardise), (c) the
/// model's reconstructions decode(μ(x)) of them, and (d) generations along the top latent PCA components of their codes.
/// </summary>
public static class GenerationDiagnosis
{
    /// <summary>Runs the four stages.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="heldOut">Real matrices of one γ that the model did not train on [count, N, N], σ, count ≥ 2, with the model's N.</param>
    /// <param name="components">Top latent PCA components varied in stage (d) (<see cref="LatentGeneration.Generate"/>).</param>
    /// <param name="count">Configurations generated in stage (d), ≥ 1.</param>
    /// <param name="physics">γ, potential and temperature of <paramref name="heldOut"/>, for the energies.</param>
    /// <param name="minimumDistance">Validity threshold, σ (the issue: 0.8).</param>
    /// <param name="seed">Seed of the generation coefficients.</param>
    /// <returns>Stages (a)–(d) in order through the slides' classical MDS, then (c) and (d) again through metric MDS
    /// (<see cref="GenerationEmbedding.MetricMds"/>), which shows how much of the loss is the classical projection's.</returns>
    /// <exception cref="ArgumentException"><paramref name="heldOut"/> has fewer than 2 matrices or the wrong N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the threshold is out of range.</exception>
    public static IReadOnlyList<GenerationStage> Run(FluidVaeModel model, DistanceMatrixSet heldOut, int components, int count,
        MetropolisOptions physics, double minimumDistance = 0.8, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(physics);
        if (heldOut.Count < 2) throw new ArgumentException($"heldOut needs at least 2 matrices; got {heldOut.Count}.", nameof(heldOut));
        if (heldOut.Particles != model.Normalization.Particles)
            throw new ArgumentException($"heldOut has N = {heldOut.Particles}; the model expects N = {model.Normalization.Particles}.", nameof(heldOut));

        var roundTrip = RoundTrip(model.Normalization, heldOut);
        var reconstruction = model.Reconstruct(heldOut);
        // The configuration decoder's matrices are in its own particle order: compared by their sorted pair distances.
        bool configuration = model.Options.Decoder == FluidDecoder.Configuration;
        double reconstructionMse = configuration ? FluidVaeModel.SortedDistanceErrors(heldOut, reconstruction).Average() : Mse(reconstruction, heldOut);
        string reconstructed = configuration ? "decode(μ(x)) of the held-out matrices (MSE over the sorted pair distances: the decoder's particle order is its own)"
            : "decode(μ(x)) of the held-out matrices";
        var codes = model.LatentMeans(heldOut);
        const GenerationEmbedding classical = GenerationEmbedding.ClassicalMds, metric = GenerationEmbedding.MetricMds;
        string generation = $"decoded codes along the top {components} latent PCA components of the held-out codes";
        return Array.AsReadOnly(new[]
        {
            new GenerationStage("real", classical, "held-out Metropolis matrices (single precision, as stored)",
                LatentGeneration.Rebuild(heldOut, physics, minimumDistance), 0),
            new GenerationStage("normalisation round trip", classical, "the same, standardised to the model's float inputs and mapped back",
                LatentGeneration.Rebuild(roundTrip, physics, minimumDistance), Mse(roundTrip, heldOut)),
            new GenerationStage("reconstruction", classical, reconstructed,
                LatentGeneration.Rebuild(reconstruction, physics, minimumDistance), reconstructionMse),
            new GenerationStage("generation", classical, generation,
                LatentGeneration.Generate(model, codes, components, count, physics, minimumDistance, seed), double.NaN),
            new GenerationStage("reconstruction", metric, reconstructed + "; SMACOF instead of classical MDS (not the slides' pipeline)",
                LatentGeneration.Rebuild(reconstruction, physics, minimumDistance, metric), reconstructionMse),
            new GenerationStage("generation", metric, generation + "; SMACOF instead of classical MDS (not the slides' pipeline)",
                LatentGeneration.Generate(model, codes, components, count, physics, minimumDistance, seed, metric), double.NaN),
        });
    }

    /// <summary>
    /// How much reconstruction error the geometry tolerates: the real held-out matrices plus a fraction t of the model's
    /// reconstruction error, D_t = D + t·(decode(μ(D)) − D) (so the MSE to D is t² times the reconstruction's), each
    /// through the slides' classical MDS and resting.
    /// </summary>
    /// <param name="model">A trained model.</param>
    /// <param name="heldOut">Real matrices of one γ [count, N, N], σ, count ≥ 1, with the model's N.</param>
    /// <param name="fractions">The t values, each in [0, 1].</param>
    /// <param name="physics">γ, potential and temperature, for the energies.</param>
    /// <param name="minimumDistance">Validity threshold, σ.</param>
    /// <returns>One stage per fraction, named "real + t·(reconstruction − real)".</returns>
    /// <exception cref="ArgumentException"><paramref name="heldOut"/> is empty or has the wrong N, or the model has the
    /// <see cref="FluidDecoder.Configuration"/> decoder (its matrices are in its own particle order, so an entry-wise blend with the data means nothing).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1], or the threshold is out of range.</exception>
    public static IReadOnlyList<GenerationStage> ErrorScaling(FluidVaeModel model, DistanceMatrixSet heldOut, IReadOnlyList<double> fractions,
        MetropolisOptions physics, double minimumDistance = 0.8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(physics);
        if (heldOut.Count < 1) throw new ArgumentException("heldOut is empty.", nameof(heldOut));
        if (heldOut.Particles != model.Normalization.Particles)
            throw new ArgumentException($"heldOut has N = {heldOut.Particles}; the model expects N = {model.Normalization.Particles}.", nameof(heldOut));
        if (model.Options.Decoder == FluidDecoder.Configuration)
            throw new ArgumentException("The configuration decoder's matrices are in its own particle order; blending them entry by entry with the data means nothing (use a DistanceMatrix model).", nameof(model));
        foreach (var t in fractions)
            if (!(t >= 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(fractions), t, "every fraction must be in [0, 1].");
        var real = heldOut.Values.ToArray();
        var reconstruction = model.Reconstruct(heldOut).Values.ToArray();
        var stages = new List<GenerationStage>(fractions.Count);
        foreach (var t in fractions)
        {
            var blend = new float[real.Length];
            for (int e = 0; e < real.Length; e++) blend[e] = (float)(real[e] + t * ((double)reconstruction[e] - real[e]));
            var set = new DistanceMatrixSet(blend, heldOut.Count, heldOut.Particles);
            stages.Add(new GenerationStage($"real + {t:0.###}·(reconstruction − real)", GenerationEmbedding.ClassicalMds,
                "held-out matrices carrying a fraction of the model's reconstruction error", LatentGeneration.Rebuild(set, physics, minimumDistance), Mse(set, heldOut)));
        }
        return stages.AsReadOnly();
    }

    /// <summary>(d − offset)·scale in single precision (the model's input, <see cref="FluidInputNormalization.Forward"/>), then back to σ.</summary>
    internal static DistanceMatrixSet RoundTrip(FluidInputNormalization normalization, DistanceMatrixSet matrices)
    {
        var x = normalization.Forward(matrices);
        int d = matrices.Particles * matrices.Particles;
        var back = new float[x.Length];
        for (int e = 0; e < x.Length; e++) back[e] = (float)normalization.Inverse(x[e], e % d);
        return new DistanceMatrixSet(back, matrices.Count, matrices.Particles);
    }

    private static double Mse(DistanceMatrixSet a, DistanceMatrixSet b)
    {
        var x = a.Values;
        var y = b.Values;
        double sum = 0;
        for (int e = 0; e < x.Length; e++)
        {
            double r = x[e] - (double)y[e];
            sum += r * r;
        }
        return sum / x.Length;
    }
}

/// <summary>One stage of <see cref="GenerationDiagnosis.Run"/>.</summary>
/// <param name="Name">Short name: "real", "normalisation round trip", "reconstruction" or "generation".</param>
/// <param name="Embedding">How the matrices were embedded in 2-D.</param>
/// <param name="Description">What went into the geometry.</param>
/// <param name="Report">The rebuilt configurations and their check.</param>
/// <param name="DistanceMse">Mean over all N² entries of (stage matrix − held-out matrix)², σ² (for the reconstructions of a
/// <see cref="FluidDecoder.Configuration"/> model: mean over the sorted pair distances, <see cref="FluidVaeModel.ReconstructionErrors"/>);
/// 0 for the real stage, NaN for generation (no counterpart; shown as "–").</param>
public sealed record GenerationStage(string Name, GenerationEmbedding Embedding, string Description, GenerationReport Report, double DistanceMse);
