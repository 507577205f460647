using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.Core.Decomposition;

/// <summary>Principal component analysis of a data matrix [samples, features] (e.g. the posterior means of a VAE).</summary>
public static class Pca
{
    /// <summary>Fits the principal components of <paramref name="x"/>.</summary>
    /// <param name="x">Data, shape [samples, features], finite, at least 2 samples.</param>
    /// <param name="options">Hyper-parameters; <see cref="PcaOptions.Default"/> when null.</param>
    /// <returns>The fitted, immutable model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has fewer than 2 rows, no columns, or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PcaOptions.ComponentCount"/> is out of range.</exception>
    /// <remarks>
    /// The centred data X_c = X − 1 meanᵀ is reduced by a thin Householder QR, X_c = QR (LAPACK geqrf through
    /// MathNet's provider, MKL when installed), and R [features, features] is decomposed by SVD, R = U S Vᵀ; then
    /// X_c = (QU) S Vᵀ, so the components are the rows of Vᵀ and the explained variances S²/(n − 1) — the singular
    /// values of X_c to working accuracy, without forming the covariance (which would square its condition number).
    /// With fewer samples than features the SVD is applied to X_c directly. Signs: see <see cref="PcaModel"/>.
    /// Peer: scikit-learn <c>PCA(svd_solver="full")</c>. Source of the use on VAE latents: Peşte, Malagò &amp; Sârbu, §2.1.
    /// </remarks>
    public static PcaModel Fit(Matrix<double> x, PcaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= PcaOptions.Default;
        int n = x.RowCount, k = x.ColumnCount;
        if (n < 2 || k < 1)
            throw new ArgumentException($"x is {n}×{k}; PCA needs at least 2 samples and 1 feature.", nameof(x));
        Numerics.MatrixValidation.RequireFinite(x, nameof(x));
        int maximum = Math.Min(n, k);
        if (options.ComponentCount < 0 || options.ComponentCount > maximum)
            throw new ArgumentOutOfRangeException(nameof(options), options.ComponentCount, $"ComponentCount={options.ComponentCount} must be between 0 (all) and min(samples, features)={maximum}.");
        int kept = options.ComponentCount == 0 ? maximum : options.ComponentCount;

        var mean = x.ColumnSums() / n;
        var centred = Centred(x, mean);
        var reduced = n >= k ? centred.QR(QRMethod.Thin).R : centred;
        Svd<double> svd = reduced.Svd(computeVectors: true);
        var singular = svd.S;
        var vt = svd.VT;
        int available = singular.Count; // min(rows, columns) of the reduced matrix
        var components = Matrix<double>.Build.Dense(kept, k);
        var values = new double[kept];
        for (int c = 0; c < kept; c++)
        {
            values[c] = c < available ? singular[c] : 0.0;
            int pivot = 0;
            for (int j = 1; j < k; j++)
                if (Math.Abs(vt[c, j]) > Math.Abs(vt[c, pivot])) pivot = j;
            double sign = vt[c, pivot] < 0 ? -1.0 : 1.0;
            for (int j = 0; j < k; j++) components[c, j] = sign * vt[c, j];
        }
        double total = 0;
        for (int c = 0; c < available; c++) total += singular[c] * singular[c];
        return new PcaModel(n, mean, components, values, total / (n - 1));
    }

    internal static Matrix<double> Centred(Matrix<double> x, Vector<double> mean)
    {
        var centred = x.Clone();
        for (int j = 0; j < centred.ColumnCount; j++)
        {
            double m = mean[j];
            for (int i = 0; i < centred.RowCount; i++) centred[i, j] -= m;
        }
        return centred;
    }
}
