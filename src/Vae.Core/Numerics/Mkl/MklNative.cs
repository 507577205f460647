using System.Runtime.InteropServices;

namespace Vae.Core.Numerics.Mkl;

/// <summary>
/// Raw entry points of Intel MKL's single dynamic library <c>libmkl_rt.so</c> (CBLAS, LAPACKE and the
/// service functions), bound with source-generated <see cref="LibraryImportAttribute"/> marshalling.
/// All matrices are column-major (<see cref="ColumnMajor"/>); LP64 interface (32-bit integers).
/// </summary>
/// <remarks>Callers validate every argument before calling here: MKL does not check array bounds.</remarks>
internal static unsafe partial class MklNative
{
    internal const string Library = "mkl_rt";

    /// <summary>CBLAS_LAYOUT / LAPACK_COL_MAJOR.</summary>
    internal const int ColumnMajor = 102;

    internal const int CblasNoTrans = 111;
    internal const int CblasTrans = 112;
    internal const int CblasLeft = 141;
    internal const int CblasUpper = 121;
    internal const int CblasNonUnit = 131;

    // ---- service ----
    [LibraryImport(Library, EntryPoint = "MKL_Get_Version_String")]
    internal static partial void GetVersionString(byte* buffer, int length);

    [LibraryImport(Library, EntryPoint = "MKL_Set_Threading_Layer")]
    internal static partial int SetThreadingLayer(int layer);

    [LibraryImport(Library, EntryPoint = "MKL_Get_Max_Threads")]
    internal static partial int GetMaxThreads();

    [LibraryImport(Library, EntryPoint = "MKL_Set_Num_Threads")]
    internal static partial void SetNumThreads(int threads);

    /// <summary>MKL_CBWR_AUTO: Conditional Numerical Reproducibility on the automatically chosen code branch.</summary>
    internal const int CbwrAuto = 2;

    /// <summary>Sets the CNR mode; only effective before the first computation (returns MKL_CBWR_SUCCESS = 0).</summary>
    [LibraryImport(Library, EntryPoint = "MKL_CBWR_Set")]
    internal static partial int SetConditionalNumericalReproducibility(int mode);

    // ---- double ----
    [LibraryImport(Library)] internal static partial void cblas_dgemm(int layout, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);
    [LibraryImport(Library)] internal static partial void cblas_dtrsm(int layout, int side, int uplo, int transA, int diag, int m, int n, double alpha, double* a, int lda, double* b, int ldb);
    [LibraryImport(Library)] internal static partial double LAPACKE_dlange(int layout, byte norm, int m, int n, double* a, int lda);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgetrf(int layout, int m, int n, double* a, int lda, int* ipiv);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgetri(int layout, int n, double* a, int lda, int* ipiv);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgetrs(int layout, byte trans, int n, int nrhs, double* a, int lda, int* ipiv, double* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_dpotrf(int layout, byte uplo, int n, double* a, int lda);
    [LibraryImport(Library)] internal static partial int LAPACKE_dpotrs(int layout, byte uplo, int n, int nrhs, double* a, int lda, double* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgeqrf(int layout, int m, int n, double* a, int lda, double* tau);
    [LibraryImport(Library)] internal static partial int LAPACKE_dorgqr(int layout, int m, int n, int k, double* a, int lda, double* tau);
    [LibraryImport(Library)] internal static partial int LAPACKE_dormqr(int layout, byte side, byte trans, int m, int n, int k, double* a, int lda, double* tau, double* c, int ldc);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgels(int layout, byte trans, int m, int n, int nrhs, double* a, int lda, double* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgesdd(int layout, byte jobz, int m, int n, double* a, int lda, double* s, double* u, int ldu, double* vt, int ldvt);
    [LibraryImport(Library)] internal static partial int LAPACKE_dsyevd(int layout, byte jobz, byte uplo, int n, double* a, int lda, double* w);
    [LibraryImport(Library)] internal static partial int LAPACKE_dgeev(int layout, byte jobvl, byte jobvr, int n, double* a, int lda, double* wr, double* wi, double* vl, int ldvl, double* vr, int ldvr);

    // ---- float ----
    [LibraryImport(Library)] internal static partial void cblas_sgemm(int layout, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);
    [LibraryImport(Library)] internal static partial void cblas_strsm(int layout, int side, int uplo, int transA, int diag, int m, int n, float alpha, float* a, int lda, float* b, int ldb);
    [LibraryImport(Library)] internal static partial float LAPACKE_slange(int layout, byte norm, int m, int n, float* a, int lda);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgetrf(int layout, int m, int n, float* a, int lda, int* ipiv);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgetri(int layout, int n, float* a, int lda, int* ipiv);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgetrs(int layout, byte trans, int n, int nrhs, float* a, int lda, int* ipiv, float* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_spotrf(int layout, byte uplo, int n, float* a, int lda);
    [LibraryImport(Library)] internal static partial int LAPACKE_spotrs(int layout, byte uplo, int n, int nrhs, float* a, int lda, float* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgeqrf(int layout, int m, int n, float* a, int lda, float* tau);
    [LibraryImport(Library)] internal static partial int LAPACKE_sorgqr(int layout, int m, int n, int k, float* a, int lda, float* tau);
    [LibraryImport(Library)] internal static partial int LAPACKE_sormqr(int layout, byte side, byte trans, int m, int n, int k, float* a, int lda, float* tau, float* c, int ldc);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgels(int layout, byte trans, int m, int n, int nrhs, float* a, int lda, float* b, int ldb);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgesdd(int layout, byte jobz, int m, int n, float* a, int lda, float* s, float* u, int ldu, float* vt, int ldvt);
    [LibraryImport(Library)] internal static partial int LAPACKE_ssyevd(int layout, byte jobz, byte uplo, int n, float* a, int lda, float* w);
    [LibraryImport(Library)] internal static partial int LAPACKE_sgeev(int layout, byte jobvl, byte jobvr, int n, float* a, int lda, float* wr, float* wi, float* vl, int ldvl, float* vr, int ldvr);
}
