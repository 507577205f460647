namespace Vae.Fluids.Geometry;

/// <summary>A point of the plane (x to the right, y up), in σ for particle positions.</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
public readonly record struct Point2(double X, double Y);
