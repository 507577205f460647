using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Core.Training;

namespace Vae.Quantum.Spectrum;

/// <summary>
/// The paper's spectrum analysis: train the ψ network on latent codes, assign each sample the level ⌊n⌋, summarise
/// n and E_n per true cluster and compare the assignment with the labels by the adjusted Rand index. (The paper's Fig. 2
/// pipeline, which builds the data and trains the VAE, is an experiment: <c>Vae.Reproduce.QuantumPaper.Figure2</c>.)
/// </summary>
public static class SpectrumAnalysis
{
    /// <summary>Trains the ψ network on <paramref name="latent"/> and summarises the spectrum per label.</summary>
    /// <param name="latent">Codes [samples, d_z].</param>
    /// <param name="labels">True label per sample.</param>
    /// <param name="options">ψ-network options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentException">Sizes differ or invalid codes/options.</exception>
    public static SpectrumReport Analyze(Matrix<double> latent, IReadOnlyList<int> labels, PsiNetworkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != latent.RowCount)
            throw new ArgumentException($"labels has {labels.Count} entries but latent has {latent.RowCount} rows.", nameof(labels));
        var network = PsiNetwork.Fit(latent, options, cancellationToken);
        var prediction = network.Predict(latent);
        var clusters = labels.Distinct().Order().Select(label =>
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            var n = members.Select(i => prediction.QuantumNumber[i]).ToArray();
            var mean = n.Average();
            var std = Math.Sqrt(n.Select(x => (x - mean) * (x - mean)).Average());
            var dominant = members.GroupBy(i => prediction.Level[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
            return new ClusterSpectrum(label, members.Length, mean, std, members.Average(i => prediction.Energy[i]),
                dominant.Key, dominant.Count() / (double)members.Length);
        }).ToArray();
        return new SpectrumReport(Array.AsReadOnly(clusters), Clustering.AdjustedRandIndex(labels, prediction.Level), Array.AsReadOnly(labels.ToArray()), latent.Clone(), prediction,
            network.TrainingLoss, network.Options);
    }
}
