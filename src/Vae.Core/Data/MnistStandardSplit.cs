namespace Vae.Core.Data;

/// <summary>
/// The project's standard MNIST split of the official 10 000-image test set: the first
/// <see cref="Mnist.StandardTrainingCount"/> images for training, the remaining
/// <see cref="Mnist.StandardEvaluationCount"/> for evaluation.
/// </summary>
/// <param name="Train">Images <c>[0, 9000)</c> of the test set, sample shape <c>[1, 28, 28]</c>, pixels in [0, 1].</param>
/// <param name="Test">Images <c>[9000, 10000)</c> of the test set, sample shape <c>[1, 28, 28]</c>, pixels in [0, 1].</param>
public sealed record MnistStandardSplit(Dataset Train, Dataset Test);
