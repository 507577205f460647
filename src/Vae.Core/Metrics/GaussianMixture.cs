using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;

namespace Vae.Core.Metrics;

/// <summary>Gaussian mixture model with full covariances fitted by expectation–maximisation.</summary>
public static class GaussianMixture
{
    /// <summary>2⁻⁵², NumPy's <c>np.finfo(np.float64).eps</c> (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Fits <see cref="GaussianMixtureOptions.Components"/> Gaussians to the rows of <paramref name="x"/>.</summary>
    /// <param name="x">Samples, shape [samples, features], finite, samples ≥ components.</param>
    /// <param name="options">Options; <see cref="GaussianMixtureOptions.Default"/> when null.</param>
    /// <returns>Weights, means, covariances, labels and the mean log-likelihood (nats per sample).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option.</exception>
    /// <exception cref="ArithmeticException">A covariance is not positive definite (e.g. a constant feature with
    /// <see cref="GaussianMixtureOptions.Regularization"/> = 0; increase the regularisation), or the log-likelihood is not finite.</exception>
    /// <remarks>
    /// As scikit-learn's <c>GaussianMixture(covariance_type="full", init_params="kmeans", n_init=1)</c>: responsibilities
    /// start one-hot from <see cref="KMeans.Fit"/> (1 restart, seed Seed + r for run r), then M-step, and EM alternates E (log
    /// responsibilities by log-sum-exp, Cholesky log-densities) and M (π, μ, Σ + reg·I) until the mean log-likelihood
    /// changes by less than tol; a final E-step gives the labels. Source: Dempster, Laird &amp; Rubin 1977; Bishop 2006,
    /// §9.2.2. Peer: <c>sklearn.mixture.GaussianMixture</c> (fixture tools/reference/clustering_sklearn.py).
    /// </remarks>
    public static GaussianMixtureModel Fit(Matrix<double> x, GaussianMixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= GaussianMixtureOptions.Default;
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"x is empty ({x.RowCount}×{x.ColumnCount}).", nameof(x));
        MatrixValidation.RequireFinite(x, nameof(x));
        int n = x.RowCount, d = x.ColumnCount, k = options.Components;
        if (k < 1 || k > n)
            throw new ArgumentOutOfRangeException(nameof(options.Components), k, $"The number of components must be in 1..{n} (samples).");
        if (options.MaxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(options.MaxIterations), options.MaxIterations, "At least one iteration.");
        if (!(options.Tolerance >= 0) || !double.IsFinite(options.Tolerance))
            throw new ArgumentOutOfRangeException(nameof(options.Tolerance), options.Tolerance, "The tolerance must be finite and ≥ 0.");
        if (!(options.Regularization >= 0) || !double.IsFinite(options.Regularization))
            throw new ArgumentOutOfRangeException(nameof(options.Regularization), options.Regularization, "The regularisation must be finite and ≥ 0.");

        if (options.Restarts < 1)
            throw new ArgumentOutOfRangeException(nameof(options.Restarts), options.Restarts, "At least one restart.");
        GaussianMixtureModel? best = null;
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var model = Run(x, options, options.Seed + restart);
            if (best is null || model.MeanLogLikelihood > best.MeanLogLikelihood) best = model;
        }
        return best!;
    }

    private static GaussianMixtureModel Run(Matrix<double> x, GaussianMixtureOptions options, int seed)
    {
        int n = x.RowCount, k = options.Components;
        var init = KMeans.Fit(x, KMeansOptions.Default with { Clusters = k, Restarts = 1, Seed = seed });
        var resp = Matrix<double>.Build.Dense(n, k);
        for (var i = 0; i < n; i++) resp[i, init.Labels[i]] = 1.0;
        var (weights, means, covariances) = MStep(x, resp, options.Regularization);
        var lowerBound = double.NegativeInfinity;
        var converged = false;
        var iterations = 0;
        for (; iterations < options.MaxIterations; )
        {
            var previous = lowerBound;
            lowerBound = EStep(x, weights, means, covariances, resp, options.Regularization);
            (weights, means, covariances) = MStep(x, resp, options.Regularization);
            iterations++;
            if (Math.Abs(lowerBound - previous) < options.Tolerance) { converged = true; break; }
        }
        var score = EStep(x, weights, means, covariances, resp, options.Regularization);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var c = 1; c < k; c++) if (resp[i, c] > resp[i, best]) best = c;
            labels[i] = best;
        }
        return new GaussianMixtureModel(Array.AsReadOnly(labels), Array.AsReadOnly(weights), means,
            Array.AsReadOnly(covariances), score, iterations, converged);
    }

    /// <summary>Writes the responsibilities into <paramref name="resp"/> and returns the mean log-likelihood.</summary>
    private static double EStep(Matrix<double> x, double[] weights, Matrix<double> means, Matrix<double>[] covariances, Matrix<double> resp, double regularization)
    {
        int n = x.RowCount, d = x.ColumnCount, k = weights.Length;
        var logProb = Matrix<double>.Build.Dense(n, k);
        for (var c = 0; c < k; c++)
        {
            Matrix<double> factor;
            try
            {
                factor = covariances[c].Cholesky().Factor;
            }
            catch (ArgumentException e) // how MathNet's managed and MKL providers report a matrix that is not positive definite
            {
                throw new ArithmeticException($"Component {c}'s covariance is not positive definite; increase options.Regularization (now {regularization}).", e);
            }
            var logDet = 0.0;
            for (var j = 0; j < d; j++) logDet += 2 * Math.Log(factor[j, j]);
            var y = new double[d];
            for (var i = 0; i < n; i++)
            {
                var quad = 0.0;
                for (var j = 0; j < d; j++)     // forward substitution L y = x_i − μ
                {
                    var s = x[i, j] - means[c, j];
                    for (var t = 0; t < j; t++) s -= factor[j, t] * y[t];
                    y[j] = s / factor[j, j];
                    quad += y[j] * y[j];
                }
                logProb[i, c] = Math.Log(weights[c]) - 0.5 * (d * Math.Log(2 * Math.PI) + logDet + quad);
            }
        }
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++) max = Math.Max(max, logProb[i, c]);
            var sum = 0.0;
            for (var c = 0; c < k; c++) sum += Math.Exp(logProb[i, c] - max);
            var norm = max + Math.Log(sum);
            total += norm;
            for (var c = 0; c < k; c++) resp[i, c] = Math.Exp(logProb[i, c] - norm);
        }
        var mean = total / n;
        if (!double.IsFinite(mean))
            throw new ArithmeticException($"The mixture log-likelihood became {mean}.");
        return mean;
    }

    /// <summary>π, μ, Σ + reg·I from the responsibilities; nₖ gets scikit-learn's 10·machine ε
    /// (<c>_estimate_gaussian_parameters</c>), so an emptied component keeps a weight ≈ 2·10⁻¹⁵/n and can regain points.</summary>
    internal static (double[] Weights, Matrix<double> Means, Matrix<double>[] Covariances) MStep(Matrix<double> x, Matrix<double> resp, double regularization)
    {
        int n = x.RowCount, d = x.ColumnCount, k = resp.ColumnCount;
        var weights = new double[k];
        var means = Matrix<double>.Build.Dense(k, d);
        var covariances = new Matrix<double>[k];
        for (var c = 0; c < k; c++)
        {
            var nk = resp.Column(c).Sum() + 10 * MachineEpsilon;
            weights[c] = nk / n;
            var mu = resp.Column(c) * x / nk;
            means.SetRow(c, mu);
            var centred = x - Matrix<double>.Build.Dense(n, d, (_, j) => mu[j]);
            var weighted = Matrix<double>.Build.Dense(n, d, (i, j) => resp[i, c] * centred[i, j]);
            var cov = weighted.TransposeThisAndMultiply(centred) / nk;
            for (var j = 0; j < d; j++) cov[j, j] += regularization;
            covariances[c] = cov;
        }
        return (weights, means, covariances);
    }
}
