using MathNet.Numerics.LinearAlgebra;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// Solves the two-point problem of the multivariate normal Fisher–Rao geodesic by shooting: whiten the pair so the
/// start is N(0, I) and the end N(μ̃, Σ̃) (μ̃ = L⁻¹(μ₂ − μ₁), Σ̃ = L⁻¹Σ₂L⁻ᵀ, Σ₁ = LLᵀ; the distance is invariant),
/// then find the initial velocity (x, B) whose closed-form exponential (<see cref="EriksenExponential"/>) ends at
/// Δ(1) = Σ̃⁻¹, δ(1) = Σ̃⁻¹μ̃. These n(n+1)/2 + n equations in as many unknowns are solved by Newton's method with the
/// exact Jacobian and a backtracking line search, starting from x = μ̃, B = log Σ̃ (the exact answer when μ̃ = 0). If
/// that fails, a continuation moves the target from N(0, I) to N(μ̃, Σ̃) along (τμ̃, Σ̃^τ) in adaptive steps.
/// </summary>
internal static class GeodesicShooting
{
    internal readonly record struct Solution(double[] Parameters, double Residual, int Iterations);

    internal static Solution Solve(Vector<double> whitenedMean, Matrix<double> whitenedCovariance, GeodesicShootingOptions options)
    {
        int n = whitenedMean.Count;
        var evd = whitenedCovariance.Evd(Symmetricity.Symmetric);
        var w = evd.EigenVectors;
        var s = evd.EigenValues.Map(c => c.Real);
        var logCovariance = w * Matrix<double>.Build.DenseOfDiagonalVector(s.Map(Math.Log)) * w.Transpose();

        int total = 0;
        double best = double.PositiveInfinity;
        var p0 = Pack(whitenedMean, logCovariance);
        var direct = Newton(n, p0, Target(w, s, whitenedMean, 1.0), options, ref total, ref best);
        if (direct is { } solved) return new Solution(solved, ResidualOf(n, solved, Target(w, s, whitenedMean, 1.0)), total);

        // Continuation on the end point: τ = 0 is the start itself (p = 0).
        double tau = 0, step = 0.25;
        var p = new double[p0.Length];
        for (int k = 0; k < options.MaximumContinuationSteps; k++)
        {
            double next = Math.Min(1.0, tau + step);
            var guess = new double[p.Length];
            if (tau == 0) for (int i = 0; i < guess.Length; i++) guess[i] = next * p0[i];
            else for (int i = 0; i < guess.Length; i++) guess[i] = p[i] * (next / tau);
            var target = Target(w, s, whitenedMean, next);
            var result = Newton(n, guess, target, options, ref total, ref best);
            if (result is { } ok)
            {
                tau = next;
                p = ok;
                if (tau == 1.0) return new Solution(p, ResidualOf(n, p, target), total);
                step = Math.Min(2 * step, 1.0);
            }
            else
            {
                step *= 0.5;
                if (step < 1e-6) break;
            }
        }
        throw new GeodesicShootingException(
            $"Geodesic shooting did not converge: best residual {best:G3} > tolerance {options.Tolerance:G3} after {total} Newton iterations " +
            $"(whitened mean difference norm {whitenedMean.L2Norm():G4}, covariance eigenvalues in [{s.Minimum():G4}, {s.Maximum():G4}]).",
            best, total);
    }

    /// <summary>Squared Fisher–Rao norm of the initial velocity at N(0, I): xᵀx + ½ tr(B²).</summary>
    internal static double SquaredSpeed(int n, ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += p[i] * p[i];
        int q = n;
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++, q++)
                sum += (i == j ? 0.5 : 1.0) * p[q] * p[q];
        }
        return sum;
    }

    /// <summary>Mean velocity x and symmetric covariance velocity B from the packed parameters.</summary>
    internal static (Vector<double> Mean, Matrix<double> Covariance) Unpack(int n, ReadOnlySpan<double> p)
    {
        var x = Vector<double>.Build.Dense(n);
        var b = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++) x[i] = p[i];
        int q = n;
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++, q++)
                b[i, j] = b[j, i] = p[q];
        return (x, b);
    }

    private static double[] Pack(Vector<double> x, Matrix<double> b)
    {
        int n = x.Count;
        var p = new double[EriksenExponential.ParameterCount(n)];
        for (int i = 0; i < n; i++) p[i] = x[i];
        int q = n;
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++, q++)
                p[q] = 0.5 * (b[i, j] + b[j, i]);
        return p;
    }

    /// <summary>Target end blocks at continuation parameter τ: Σ̃_τ⁻¹ = W diag(s^(−τ)) Wᵀ and Σ̃_τ⁻¹ · τμ̃.</summary>
    private static double[] Target(Matrix<double> w, Vector<double> s, Vector<double> mean, double tau)
    {
        int n = mean.Count;
        var precision = w * Matrix<double>.Build.DenseOfDiagonalVector(s.Map(v => Math.Pow(v, -tau))) * w.Transpose();
        var shift = precision * (tau * mean);
        var target = new double[EriksenExponential.ParameterCount(n)];
        int q = 0;
        for (int r = 0; r < n; r++)
            for (int c = r; c < n; c++, q++)
                target[q] = 0.5 * (precision[r, c] + precision[c, r]);
        for (int r = 0; r < n; r++, q++) target[q] = shift[r];
        return target;
    }

    private static double ResidualOf(int n, double[] p, double[] target)
    {
        var f = new double[target.Length];
        return Measure(Residual(new EriksenExponential(n, p), target, f), target);
    }

    private static double[] Residual(EriksenExponential exp, double[] target, double[] f)
    {
        exp.EndBlocks(f);
        for (int i = 0; i < f.Length; i++) f[i] -= target[i];
        return f;
    }

    /// <summary>‖F‖∞ / (1 + ‖target‖∞): the scale-aware residual compared with the tolerance.</summary>
    private static double Measure(double[] f, double[] target)
    {
        double num = 0, den = 0;
        for (int i = 0; i < f.Length; i++)
        {
            num = Math.Max(num, Math.Abs(f[i]));
            den = Math.Max(den, Math.Abs(target[i]));
        }
        return double.IsFinite(num) ? num / (1 + den) : double.PositiveInfinity;
    }

    private static double Norm(double[] f)
    {
        double s = 0;
        foreach (var v in f) s += v * v;
        return Math.Sqrt(s);
    }

    /// <summary>The Newton step J⁻¹F; where J is singular (the LU factorisation meets a zero pivot, or the step is not
    /// finite) the minimum-norm least-squares step J⁺F (Gauss–Newton with the pseudo-inverse); null when neither is finite.
    /// Far-apart pairs (whitened mean differences of ~60) reach exactly singular Jacobians at the starting point.</summary>
    private static Vector<double>? NewtonStep(Matrix<double> jacobian, double[] f)
    {
        var rhs = Vector<double>.Build.DenseOfArray(f);
        try
        {
            var step = jacobian.Solve(rhs);
            if (step.All(double.IsFinite)) return step;
        }
        catch (ArgumentException)
        {
            // Vae's MKL provider refuses a singular system instead of returning infinities; fall through.
        }
        if (!jacobian.Enumerate().All(double.IsFinite)) return null;
        var leastSquares = jacobian.PseudoInverse() * rhs;
        return leastSquares.All(double.IsFinite) ? leastSquares : null;
    }

    /// <summary>Damped Newton on F(p) = EndBlocks(p) − target; null when it stalls or runs out of iterations.</summary>
    private static double[]? Newton(int n, double[] start, double[] target, GeodesicShootingOptions options, ref int total, ref double best)
    {
        var p = (double[])start.Clone();
        var exp = new EriksenExponential(n, p);
        var f = Residual(exp, target, new double[target.Length]);
        double norm = Norm(f);
        var trial = new double[p.Length];
        var trialF = new double[f.Length];
        for (int iteration = 0; iteration < options.MaximumIterations; iteration++)
        {
            double measure = Measure(f, target);
            best = Math.Min(best, measure);
            if (measure <= options.Tolerance) return p;
            if (!double.IsFinite(norm)) return null;
            total++;
            if (NewtonStep(exp.Jacobian(), f) is not { } step) return null;
            double alpha = 1.0;
            bool accepted = false;
            while (alpha >= 1.0 / 4096)
            {
                for (int i = 0; i < p.Length; i++) trial[i] = p[i] - alpha * step[i];
                var trialExp = new EriksenExponential(n, trial);
                Residual(trialExp, target, trialF);
                double trialNorm = Norm(trialF);
                if (trialNorm < (1 - 1e-4 * alpha) * norm)
                {
                    (p, trial) = (trial, p);
                    (f, trialF) = (trialF, f);
                    exp = trialExp;
                    norm = trialNorm;
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if (!accepted)
            {
                double measureNow = Measure(f, target);
                best = Math.Min(best, measureNow);
                return measureNow <= options.Tolerance ? p : null;
            }
        }
        double last = Measure(f, target);
        best = Math.Min(best, last);
        return last <= options.Tolerance ? p : null;
    }
}
