using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Interpolation;

/// <summary>One row of the interpolation figure: the decoded outputs along one path.</summary>
public sealed class InterpolationRow
{
    private readonly Matrix<double> _outputs;

    internal InterpolationRow(InterpolationRowKind kind, Matrix<double> outputs)
    {
        Kind = kind;
        _outputs = outputs;
    }

    /// <summary>Which path and decoding.</summary>
    public InterpolationRowKind Kind { get; }

    /// <summary>Decoded outputs (or interpolated inputs for <see cref="InterpolationRowKind.InputSpace"/>), shape [steps, features], a fresh copy.</summary>
    public Matrix<double> Outputs => _outputs.Clone();

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {_outputs.RowCount} × {_outputs.ColumnCount}";
}
