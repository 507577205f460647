// Reference C++ implementation of Vae.Fluids' Metropolis sampler (src/Vae.Fluids/Sampling/MetropolisChain.cs),
// step for step: xoshiro256** streams seeded through SplitMix64 exactly as RandomStream.cs, random
// non-overlapping start, sweeps over particles in order, hard walls, cached pair energies (only the moved
// particle's N-1 pairs are evaluated, in 4 lanes), untruncated Lennard-Jones 4 s^3 (s^3 - 1) with s = 1/r^2, gravity gamma*y.
// The floating-point operations are in the same order as the C# code, so with -ffp-contract=off both programs
// follow the same trajectory for the same seed (used to make tests/Vae.Tests/Fixtures/fluids/metropolis_ref_trace.json).
//
// Build:  g++ -O3 -march=native -ffp-contract=off -std=c++17 -pthread -o metropolis_ref tools/reference/metropolis_ref.cpp
// Bench:  ./metropolis_ref bench --threads 1 --sweeps 200000      (one chain per thread, prints proposals/s)
// Trace:  ./metropolis_ref trace --sweeps 100 --seed 7 --stream 1 (prints the final state as JSON)
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

inline uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Rng {
  uint64_t s[4];
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t state = mix(seed) ^ mix(stream + 0x9E3779B97F4A7C15ULL);
    for (auto& w : s) { state += 0x9E3779B97F4A7C15ULL; w = mix(state); }
  }
  inline uint64_t next() {
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
  }
  inline double uniform() { return (double)(next() >> 11) * (1.0 / (double)(1ULL << 53)); }
};

inline double lj(double r2) {
  double s = 1.0 / r2;
  double s3 = s * s * s;
  return 4.0 * s3 * (s3 - 1.0);
}

struct Params { int n = 30; double box = 10, gamma = 1, temperature = 1, delta = 0.2, min_start = 1.0; };

struct Chain {
  Params p; Rng rng; std::vector<double> x, y, pair, row; double energy = 0; long long proposed = 0, accepted = 0;
  int stride;
  Chain(const Params& p_, uint64_t seed, uint64_t stream)
      : p(p_), rng(seed, stream), x((p_.n + 3) & ~3, 1e200), y((p_.n + 3) & ~3, 1e200), pair((size_t)p_.n * ((p_.n + 3) & ~3), 0.0),
        row((p_.n + 3) & ~3, 0.0), stride((p_.n + 3) & ~3) {}

  void random_start() {
    const int n = p.n; const double min2 = p.min_start * p.min_start;
    for (int i = 0; i < n; i++) {
      for (int attempts = 0;; attempts++) {
        double px = p.box * rng.uniform(), py = p.box * rng.uniform();
        bool free = true;
        for (int j = 0; j < i && free; j++) { double dx = px - x[j], dy = py - y[j]; free = dx * dx + dy * dy >= min2; }
        if (free) { x[i] = px; y[i] = py; break; }
        if (attempts + 1 == 100000) { std::fprintf(stderr, "cannot place particle %d\n", i); std::exit(1); }
      }
    }
    rebuild();
  }

  void rebuild() {
    const int n = p.n; double total = 0;
    for (int i = 0; i < n; i++) {
      total += p.gamma * y[i];
      pair[(size_t)i * stride + i] = 0;
      for (int j = i + 1; j < n; j++) {
        double dx = x[i] - x[j], dy = y[i] - y[j];
        double e = lj(dx * dx + dy * dy);
        pair[(size_t)i * stride + j] = e; pair[(size_t)j * stride + i] = e; total += e;
      }
    }
    energy = total;
  }

  // Same operations and order as MetropolisChain.Sweep: the pair sum runs in 4 lanes (lane l takes j = l mod 4,
  // arrays padded to a multiple of 4 with particles "far away"), the moved particle's own lane and the padding are
  // masked to 0, and the lanes are added as (a0 + a1) + (a2 + a3).
  void sweep() {
    const int n = p.n, stride = (n + 3) & ~3; const double box = p.box, delta = p.delta, gamma = p.gamma, beta = 1.0 / p.temperature;
    double* __restrict xs = x.data(); double* __restrict ys = y.data();
    double* __restrict pr = pair.data(); double* __restrict rw = row.data();
    long long acc = 0;
    for (int i = 0; i < n; i++) {
      double xi = xs[i], yi = ys[i];
      double nx = xi + delta * (2.0 * rng.uniform() - 1.0);
      double ny = yi + delta * (2.0 * rng.uniform() - 1.0);
      if (nx < 0.0 || nx > box || ny < 0.0 || ny > box) continue;
      double* old = pr + (size_t)i * stride;
      double lane[4] = {0.0, 0.0, 0.0, 0.0};
      for (int j = 0; j < stride; j += 4) {
        for (int l = 0; l < 4; l++) {
          int k = j + l;
          double dx = nx - xs[k], dy = ny - ys[k];
          double e = lj(dx * dx + dy * dy);
          if (k == i || k >= n) e = 0.0;
          rw[k] = e;
          lane[l] += e - old[k];
        }
      }
      double de = gamma * (ny - yi) + ((lane[0] + lane[1]) + (lane[2] + lane[3]));
      if (!(de <= 0.0 || rng.uniform() < std::exp(-beta * de))) continue;
      xs[i] = nx; ys[i] = ny; energy += de; acc++;
      for (int j = 0; j < stride; j++) old[j] = rw[j];
      for (int j = 0; j < n; j++) pr[(size_t)j * stride + i] = rw[j];
    }
    proposed += n; accepted += acc;
  }
};

double arg(int argc, char** argv, const char* name, double fallback) {
  for (int i = 2; i + 1 < argc; i++) if (std::strcmp(argv[i], name) == 0) return std::atof(argv[i + 1]);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: metropolis_ref bench|trace [--particles N] [--box L] [--gamma g] [--temperature T] [--delta d] [--sweeps S] [--seed s] [--stream k] [--threads t]\n"); return 2; }
  std::string mode = argv[1];
  Params p;
  p.n = (int)arg(argc, argv, "--particles", 30); p.box = arg(argc, argv, "--box", 10); p.gamma = arg(argc, argv, "--gamma", 1);
  p.temperature = arg(argc, argv, "--temperature", 1); p.delta = arg(argc, argv, "--delta", 0.2);
  long long sweeps = (long long)arg(argc, argv, "--sweeps", 100000);
  uint64_t seed = (uint64_t)(long long)arg(argc, argv, "--seed", 0);
  if (mode == "trace") {
    Chain c(p, seed, (uint64_t)arg(argc, argv, "--stream", 1));
    c.random_start();
    for (long long s = 0; s < sweeps; s++) c.sweep();
    double incremental = c.energy; c.rebuild();
    std::printf("{\"particles\": %d, \"box\": %.17g, \"gamma\": %.17g, \"temperature\": %.17g, \"delta\": %.17g, \"seed\": %llu, \"sweeps\": %lld,\n",
                p.n, p.box, p.gamma, p.temperature, p.delta, (unsigned long long)seed, sweeps);
    std::printf(" \"accepted\": %lld, \"proposed\": %lld, \"energy\": %.17g, \"incrementalEnergy\": %.17g,\n \"x\": [", c.accepted, c.proposed, c.energy, incremental);
    for (int i = 0; i < p.n; i++) std::printf("%s%.17g", i ? ", " : "", c.x[i]);
    std::printf("],\n \"y\": [");
    for (int i = 0; i < p.n; i++) std::printf("%s%.17g", i ? ", " : "", c.y[i]);
    std::printf("]}\n");
    return 0;
  }
  int threads = (int)arg(argc, argv, "--threads", 1);
  std::vector<long long> proposed(threads), accepted(threads);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; t++)
    pool.emplace_back([&, t] {
      Chain c(p, seed, 1 + (uint64_t)t);
      c.random_start();
      for (long long s = 0; s < sweeps; s++) c.sweep();
      proposed[t] = c.proposed; accepted[t] = c.accepted;
    });
  for (auto& th : pool) th.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long long total = 0, acc = 0;
  for (int t = 0; t < threads; t++) { total += proposed[t]; acc += accepted[t]; }
  std::printf("cpp threads=%d proposals=%lld seconds=%.3f proposals_per_s=%.0f acceptance=%.4f\n", threads, total, seconds, total / seconds, (double)acc / total);
  return 0;
}
