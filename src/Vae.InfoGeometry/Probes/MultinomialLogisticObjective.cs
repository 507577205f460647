using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Probes;

/// <summary>
/// The L2-regularised multinomial logistic objective and its analytic gradient, scaled by 1/(C·n):
/// f(W, b) = (1/n) Σᵢ [logsumexp(zᵢ) − zᵢ,yᵢ] + ‖W‖²_F/(2Cn), zᵢ = W xᵢ + b, W [classes, features], b [classes].
/// Gradient: ∂f/∂W = (P − Y)ᵀX / n + W/(Cn), ∂f/∂b = Σᵢ (Pᵢ − Yᵢ)/n with P the softmax probabilities and Y one-hot.
/// The scaling keeps f and its gradient of order 1 for L-BFGS; the unscaled (scikit-learn) value is C·n·f.
/// </summary>
internal sealed class MultinomialLogisticObjective
{
    private readonly Matrix<double> _x;      // [n, d]
    private readonly int[] _labels;
    private readonly double _c;

    internal MultinomialLogisticObjective(Matrix<double> x, int[] labels, int classes, double c)
    {
        _x = x;
        _labels = labels;
        _c = c;
        Classes = classes;
    }

    internal int Classes { get; }

    internal int Features => _x.ColumnCount;

    internal int ParameterCount => Classes * (Features + 1);

    /// <summary>θ = [W row-major (classes × features), b].</summary>
    internal (Matrix<double> Weights, Vector<double> Intercepts) Unpack(Vector<double> theta)
    {
        int k = Classes, d = Features;
        var w = Matrix<double>.Build.Dense(k, d, (r, c) => theta[r * d + c]);
        var b = Vector<double>.Build.Dense(k, r => theta[k * d + r]);
        return (w, b);
    }

    /// <summary>Value and gradient of the scaled objective at θ.</summary>
    internal (double Value, Vector<double> Gradient) Evaluate(Vector<double> theta)
    {
        int n = _x.RowCount, k = Classes, d = Features;
        var (w, b) = Unpack(theta);
        var z = _x.TransposeAndMultiply(w); // [n, k]
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            int y = _labels[i];
            double logitOfLabel = z[i, y] + b[y];
            double max = double.NegativeInfinity;
            for (int r = 0; r < k; r++) max = Math.Max(max, z[i, r] + b[r]);
            double sum = 0;
            for (int r = 0; r < k; r++)
            {
                double e = Math.Exp(z[i, r] + b[r] - max);
                z[i, r] = e;
                sum += e;
            }
            loss += Math.Log(sum) + max - logitOfLabel;               // logsumexp(zᵢ) − zᵢ,yᵢ
            for (int r = 0; r < k; r++) z[i, r] /= sum;          // softmax probabilities P
            z[i, y] -= 1.0;                                        // P − Y
        }
        double scale = 1.0 / n, penalty = 1.0 / (_c * n);
        var gradW = z.TransposeThisAndMultiply(_x) * scale + w * penalty; // [k, d]
        var gradB = z.ColumnSums() * scale;
        var gradient = Vector<double>.Build.Dense(ParameterCount);
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < d; c++) gradient[r * d + c] = gradW[r, c];
            gradient[k * d + r] = gradB[r];
        }
        double squared = w.FrobeniusNorm();
        return (loss * scale + 0.5 * penalty * squared * squared, gradient);
    }

    /// <summary>The unscaled objective C·Σᵢ log-loss + ½‖W‖²_F (scikit-learn's) from the scaled value.</summary>
    internal double Unscaled(double scaledValue) => scaledValue * _c * _x.RowCount;
}
