using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Collections;

namespace Vae.Fluids.Geometry;

/// <summary>The result of <see cref="Procrustes.Align"/>: the best rigid motion of the source onto the target.</summary>
/// <param name="Aligned">The source after the motion, [N, d] (fresh matrix): centred source · <paramref name="Rotation"/> + target centroid.</param>
/// <param name="Rotation">The orthogonal d×d matrix Q (applied to row vectors, x ↦ xQ); det Q = −1 for a reflection.</param>
/// <param name="Translation">Target centroid − source centroid·Q, shape [d].</param>
/// <param name="Rmsd">Root-mean-square distance between aligned and target points.</param>
/// <param name="MaxDeviation">Largest distance between an aligned point and its target.</param>
/// <param name="IsReflection">Whether det Q &lt; 0.</param>
public sealed record ProcrustesAlignment(
    Matrix<double> Aligned,
    Matrix<double> Rotation,
    IReadOnlyList<double> Translation,
    double Rmsd,
    double MaxDeviation,
    bool IsReflection)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Translation { get => _translation; init => _translation = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _translation = ValueList.Copy(Translation);
}
