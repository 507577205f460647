using System.Numerics;

namespace Vae.Core.Numerics.Mkl;

/// <summary>
/// The MKL routines for one real element type, as static abstract members, so that
/// <see cref="MklRealProvider{T, TMkl}"/> is written once for <c>double</c> and <c>float</c>.
/// Argument conventions are those of CBLAS/LAPACKE in column-major layout.
/// </summary>
internal unsafe interface IMklScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract void Gemm(int transA, int transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc);
    static abstract void TrsmLeftUpper(int m, int n, T* a, int lda, T* b, int ldb);
    static abstract T Lange(byte norm, int m, int n, T* a, int lda);
    static abstract int Getrf(int m, int n, T* a, int lda, int* ipiv);
    static abstract int Getri(int n, T* a, int lda, int* ipiv);
    static abstract int Getrs(int n, int nrhs, T* a, int lda, int* ipiv, T* b, int ldb);
    static abstract int Potrf(int n, T* a, int lda);
    static abstract int Potrs(int n, int nrhs, T* a, int lda, T* b, int ldb);
    static abstract int Geqrf(int m, int n, T* a, int lda, T* tau);
    static abstract int Orgqr(int m, int n, int k, T* a, int lda, T* tau);
    static abstract int OrmqrLeftTranspose(int m, int n, int k, T* a, int lda, T* tau, T* c, int ldc);
    static abstract int Gels(int m, int n, int nrhs, T* a, int lda, T* b, int ldb);
    static abstract int Gesdd(byte jobz, int m, int n, T* a, int lda, T* s, T* u, int ldu, T* vt, int ldvt);
    static abstract int Syevd(int n, T* a, int lda, T* w);
    static abstract int Geev(int n, T* a, int lda, T* wr, T* wi, T* vr, int ldvr);
}

/// <summary>Double-precision MKL routines (d-prefixed).</summary>
internal readonly unsafe struct MklDouble : IMklScalar<double>
{
    public static void Gemm(int transA, int transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc)
        => MklNative.cblas_dgemm(MklNative.ColumnMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    public static void TrsmLeftUpper(int m, int n, double* a, int lda, double* b, int ldb)
        => MklNative.cblas_dtrsm(MklNative.ColumnMajor, MklNative.CblasLeft, MklNative.CblasUpper, MklNative.CblasNoTrans, MklNative.CblasNonUnit, m, n, 1.0, a, lda, b, ldb);
    public static double Lange(byte norm, int m, int n, double* a, int lda) => MklNative.LAPACKE_dlange(MklNative.ColumnMajor, norm, m, n, a, lda);
    public static int Getrf(int m, int n, double* a, int lda, int* ipiv) => MklNative.LAPACKE_dgetrf(MklNative.ColumnMajor, m, n, a, lda, ipiv);
    public static int Getri(int n, double* a, int lda, int* ipiv) => MklNative.LAPACKE_dgetri(MklNative.ColumnMajor, n, a, lda, ipiv);
    public static int Getrs(int n, int nrhs, double* a, int lda, int* ipiv, double* b, int ldb) => MklNative.LAPACKE_dgetrs(MklNative.ColumnMajor, (byte)'N', n, nrhs, a, lda, ipiv, b, ldb);
    public static int Potrf(int n, double* a, int lda) => MklNative.LAPACKE_dpotrf(MklNative.ColumnMajor, (byte)'L', n, a, lda);
    public static int Potrs(int n, int nrhs, double* a, int lda, double* b, int ldb) => MklNative.LAPACKE_dpotrs(MklNative.ColumnMajor, (byte)'L', n, nrhs, a, lda, b, ldb);
    public static int Geqrf(int m, int n, double* a, int lda, double* tau) => MklNative.LAPACKE_dgeqrf(MklNative.ColumnMajor, m, n, a, lda, tau);
    public static int Orgqr(int m, int n, int k, double* a, int lda, double* tau) => MklNative.LAPACKE_dorgqr(MklNative.ColumnMajor, m, n, k, a, lda, tau);
    public static int OrmqrLeftTranspose(int m, int n, int k, double* a, int lda, double* tau, double* c, int ldc) => MklNative.LAPACKE_dormqr(MklNative.ColumnMajor, (byte)'L', (byte)'T', m, n, k, a, lda, tau, c, ldc);
    public static int Gels(int m, int n, int nrhs, double* a, int lda, double* b, int ldb) => MklNative.LAPACKE_dgels(MklNative.ColumnMajor, (byte)'N', m, n, nrhs, a, lda, b, ldb);
    public static int Gesdd(byte jobz, int m, int n, double* a, int lda, double* s, double* u, int ldu, double* vt, int ldvt) => MklNative.LAPACKE_dgesdd(MklNative.ColumnMajor, jobz, m, n, a, lda, s, u, ldu, vt, ldvt);
    public static int Syevd(int n, double* a, int lda, double* w) => MklNative.LAPACKE_dsyevd(MklNative.ColumnMajor, (byte)'V', (byte)'U', n, a, lda, w);
    public static int Geev(int n, double* a, int lda, double* wr, double* wi, double* vr, int ldvr) => MklNative.LAPACKE_dgeev(MklNative.ColumnMajor, (byte)'N', (byte)'V', n, a, lda, wr, wi, null, 1, vr, ldvr);
}

/// <summary>Single-precision MKL routines (s-prefixed).</summary>
internal readonly unsafe struct MklSingle : IMklScalar<float>
{
    public static void Gemm(int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
        => MklNative.cblas_sgemm(MklNative.ColumnMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    public static void TrsmLeftUpper(int m, int n, float* a, int lda, float* b, int ldb)
        => MklNative.cblas_strsm(MklNative.ColumnMajor, MklNative.CblasLeft, MklNative.CblasUpper, MklNative.CblasNoTrans, MklNative.CblasNonUnit, m, n, 1f, a, lda, b, ldb);
    public static float Lange(byte norm, int m, int n, float* a, int lda) => MklNative.LAPACKE_slange(MklNative.ColumnMajor, norm, m, n, a, lda);
    public static int Getrf(int m, int n, float* a, int lda, int* ipiv) => MklNative.LAPACKE_sgetrf(MklNative.ColumnMajor, m, n, a, lda, ipiv);
    public static int Getri(int n, float* a, int lda, int* ipiv) => MklNative.LAPACKE_sgetri(MklNative.ColumnMajor, n, a, lda, ipiv);
    public static int Getrs(int n, int nrhs, float* a, int lda, int* ipiv, float* b, int ldb) => MklNative.LAPACKE_sgetrs(MklNative.ColumnMajor, (byte)'N', n, nrhs, a, lda, ipiv, b, ldb);
    public static int Potrf(int n, float* a, int lda) => MklNative.LAPACKE_spotrf(MklNative.ColumnMajor, (byte)'L', n, a, lda);
    public static int Potrs(int n, int nrhs, float* a, int lda, float* b, int ldb) => MklNative.LAPACKE_spotrs(MklNative.ColumnMajor, (byte)'L', n, nrhs, a, lda, b, ldb);
    public static int Geqrf(int m, int n, float* a, int lda, float* tau) => MklNative.LAPACKE_sgeqrf(MklNative.ColumnMajor, m, n, a, lda, tau);
    public static int Orgqr(int m, int n, int k, float* a, int lda, float* tau) => MklNative.LAPACKE_sorgqr(MklNative.ColumnMajor, m, n, k, a, lda, tau);
    public static int OrmqrLeftTranspose(int m, int n, int k, float* a, int lda, float* tau, float* c, int ldc) => MklNative.LAPACKE_sormqr(MklNative.ColumnMajor, (byte)'L', (byte)'T', m, n, k, a, lda, tau, c, ldc);
    public static int Gels(int m, int n, int nrhs, float* a, int lda, float* b, int ldb) => MklNative.LAPACKE_sgels(MklNative.ColumnMajor, (byte)'N', m, n, nrhs, a, lda, b, ldb);
    public static int Gesdd(byte jobz, int m, int n, float* a, int lda, float* s, float* u, int ldu, float* vt, int ldvt) => MklNative.LAPACKE_sgesdd(MklNative.ColumnMajor, jobz, m, n, a, lda, s, u, ldu, vt, ldvt);
    public static int Syevd(int n, float* a, int lda, float* w) => MklNative.LAPACKE_ssyevd(MklNative.ColumnMajor, (byte)'V', (byte)'U', n, a, lda, w);
    public static int Geev(int n, float* a, int lda, float* wr, float* wi, float* vr, int ldvr) => MklNative.LAPACKE_sgeev(MklNative.ColumnMajor, (byte)'N', (byte)'V', n, a, lda, wr, wi, null, 1, vr, ldvr);
}
