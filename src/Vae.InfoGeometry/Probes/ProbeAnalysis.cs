using Vae.Core.Sweeps;

namespace Vae.InfoGeometry.Probes;

/// <summary>Linear-probe accuracy as a per-run analysis of <see cref="SweepCollector"/>, so that
/// <c>vae sweep collect</c> reports its spread across replicas (issue 11; Peşte, Malagò &amp; Sârbu, Fig. 3).</summary>
public static class ProbeAnalysis
{
    /// <summary>Default cap on the training images the probe is fitted on.</summary>
    public const int DefaultMaximumTrainSamples = 10_000;

    /// <summary>The held-out accuracy of a linear probe (<see cref="LinearProbe.Fit"/>, multinomial logistic regression
    /// on standardised features) fitted on the posterior means E_q[z|x] of the first
    /// <paramref name="maximumTrainSamples"/> training images and evaluated on the posterior means of the test split;
    /// a fraction in [0, 1]. Named <c>probe_accuracy</c>.</summary>
    /// <param name="options">Probe hyper-parameters; <see cref="LinearProbeOptions.Default"/> when null.</param>
    /// <param name="maximumTrainSamples">Cap on the training images used, ≥ 2 (default 10 000).</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumTrainSamples"/> &lt; 2.</exception>
    /// <remarks>When run, it throws <see cref="ArgumentException"/> for a data set with fewer than 2 classes, and
    /// <c>MaximumIterationsException</c> when L-BFGS does not converge (as <see cref="LinearProbe.Fit"/>).</remarks>
    public static RunAnalysis Accuracy(LinearProbeOptions? options = null, int maximumTrainSamples = DefaultMaximumTrainSamples)
    {
        if (maximumTrainSamples < 2)
            throw new ArgumentOutOfRangeException(nameof(maximumTrainSamples), maximumTrainSamples, "The probe needs at least 2 training samples.");
        options ??= LinearProbeOptions.Default;
        return new RunAnalysis("probe_accuracy",
            $"held-out accuracy of a linear probe on the posterior means (fitted on ≤ {maximumTrainSamples} training images, evaluated on the test split), fraction",
            (model, data) =>
            {
                var train = data.Train.Count > maximumTrainSamples ? data.Train.Slice(0, maximumTrainSamples) : data.Train;
                var probe = LinearProbe.Fit(model.Encode(train).Mean, train.Labels, options);
                return probe.Accuracy(model.Encode(data.Test).Mean, data.Test.Labels);
            });
    }
}
