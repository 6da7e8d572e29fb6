#include "vaxsim/sim/vector_exp.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>

#if VAXSIM_HAVE_LIBMVEC
#include <immintrin.h>

// libmvec's entry points, named by the x86-64 vector function ABI: _ZGV, ISA (b SSE2, d AVX2,
// e AVX-512), N (unmasked), lanes, v (one vector argument). glibc's <math.h> declares them only
// under -ffast-math, which we want nowhere.
extern "C" {
__m128d _ZGVbN2v_exp(__m128d);
__m256d _ZGVdN4v_exp(__m256d);
__m512d _ZGVeN8v_exp(__m512d);
}
#endif

namespace vaxsim::sim::detail {
namespace {

#if VAXSIM_HAVE_LIBMVEC
// One vector of doubles at p, in place. A function of its own for each ISA, since vector types
// wider than SSE may be passed only from code compiled for that ISA.
void exp_2(double* p) { _mm_storeu_pd(p, _ZGVbN2v_exp(_mm_loadu_pd(p))); }
[[gnu::target("avx2")]] void exp_4(double* p) {
  _mm256_storeu_pd(p, _ZGVdN4v_exp(_mm256_loadu_pd(p)));
}
[[gnu::target("avx512f")]] void exp_8(double* p) {
  _mm512_storeu_pd(p, _ZGVeN8v_exp(_mm512_loadu_pd(p)));
}

/// Whole vectors, then the tail padded with zeros to one more, so that every element goes
/// through the same function however long the array.
template <std::size_t kLanes, void (*ExpVector)(double*)>
[[gnu::always_inline]] inline void exp_vectors(double* values, std::size_t n) {
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) ExpVector(values + i);
  if (i < n) {
    double tail[kLanes] = {};
    std::memcpy(tail, values + i, (n - i) * sizeof(double));
    ExpVector(tail);
    std::memcpy(values + i, tail, (n - i) * sizeof(double));
  }
}

void exp_sse2(double* values, std::size_t n) { exp_vectors<2, exp_2>(values, n); }
[[gnu::target("avx2")]] void exp_avx2(double* values, std::size_t n) {
  exp_vectors<4, exp_4>(values, n);
}
[[gnu::target("avx512f")]] void exp_avx512(double* values, std::size_t n) {
  exp_vectors<8, exp_8>(values, n);
}

using ExpArray = void (*)(double*, std::size_t);

ExpArray widest_supported() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return exp_avx512;
  if (__builtin_cpu_supports("avx2")) return exp_avx2;
  return exp_sse2;
}
#endif

}  // namespace

void exp_in_place(std::span<double> values) noexcept {
#if VAXSIM_HAVE_LIBMVEC
  static const ExpArray exp_array = widest_supported();
  exp_array(values.data(), values.size());
#else
  for (double& x : values) x = std::exp(x);
#endif
}

}  // namespace vaxsim::sim::detail
