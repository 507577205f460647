namespace Vae.InfoGeometry.Probes;

/// <summary>Train and held-out accuracy of a linear probe on one feature set.</summary>
/// <param name="FeatureSet">The features the probe saw.</param>
/// <param name="TrainAccuracy">Accuracy on the training part, in [0, 1].</param>
/// <param name="TestAccuracy">Accuracy on the held-out part, in [0, 1].</param>
/// <param name="TrainCount">Number of training samples.</param>
/// <param name="TestCount">Number of held-out samples.</param>
/// <param name="Objective">Regularised objective at the optimum (nats; see <see cref="LinearProbeModel.Objective"/>).</param>
/// <param name="Iterations">L-BFGS iterations.</param>
public sealed record ProbeEvaluation(
    ProbeFeatureSet FeatureSet,
    double TrainAccuracy,
    double TestAccuracy,
    int TrainCount,
    int TestCount,
    double Objective,
    int Iterations);
