using Vae.Core.Collections;

namespace Vae.Fluids.Geometry;

/// <summary>A configuration rested on a hull side (<see cref="Resting.Rest"/>).</summary>
/// <param name="Points">The rested points, in input order; min y = 0, min x = 0.</param>
/// <param name="SideStart">Input index of the first end of the resting side (counter-clockwise hull order).</param>
/// <param name="SideEnd">Input index of the other end of the resting side.</param>
/// <param name="CentreOfMassHeight">Height of the centre of mass above the floor after resting (same units as the input).</param>
/// <param name="RotationAngle">The rotation applied before any reflection, in radians (counter-clockwise positive).</param>
/// <param name="Reflected">Whether the reflection rule mirrored the result (x → −x).</param>
public sealed record RestedPolygon(
    IReadOnlyList<Point2> Points,
    int SideStart,
    int SideEnd,
    double CentreOfMassHeight,
    double RotationAngle,
    bool Reflected)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<Point2> Points { get => _points; init => _points = ValueList.Copy(value); }

    private readonly IReadOnlyList<Point2> _points = ValueList.Copy(Points);
}
