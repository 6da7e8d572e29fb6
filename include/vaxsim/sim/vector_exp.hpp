#pragma once
// e^x over an array at once, for the lognormal's batches (see Distribution::sample).
//
// std::exp (glibc's) costs about 51 instructions a call; glibc's vector math library, libmvec,
// computes 4 values in about 40 with AVX2 (8 in fewer still with AVX-512). Accuracy: within
// 4 ulp (glibc's stated bound; about 2 ulp measured) where std::exp is correctly rounded in
// practice, so values may differ from std::exp's in the last bits.
//
// Determinism: every element goes through the same vector function (the tail is padded to a
// whole vector) and lanes are independent, so an element's value depends on nothing but x: not
// on where it sits in the array, nor on the array's length. The variant is chosen once, at run
// time, from the CPU: AVX-512, else AVX2, else SSE2 (and glibc chooses among implementations of
// each in the same way). So one binary gives the same numbers on one machine whatever the
// threads and batches, but another CPU (or another glibc) may give values a few ulp apart: SSE2
// and AVX2 differed on about 1 argument in 10,000 tried, AVX2 and AVX-512 on none of 4 million.
// Valgrind hides AVX-512, so under it the AVX2 variant runs.
//
// Without libmvec (other than glibc on x86-64), std::exp on each element.

#include <span>

namespace vaxsim::sim::detail {

/// Replaces each element x by e^x.
void exp_in_place(std::span<double> values) noexcept;

}  // namespace vaxsim::sim::detail
