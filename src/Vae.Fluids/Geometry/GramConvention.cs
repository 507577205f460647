namespace Vae.Fluids.Geometry;

/// <summary>Which Gram matrix <see cref="ClassicalMds"/> factorises (see <see cref="GramMatrix"/>).</summary>
public enum GramConvention
{
    /// <summary>Double centring, B = −½ J D⁽²⁾ J (classical MDS; centroid at the origin).</summary>
    DoubleCentred,

    /// <summary>The slides' formula g_ij = (d_i1² + d_j1² − d_ij²)/2 (particle index 0 at the origin).</summary>
    FirstParticle,
}
