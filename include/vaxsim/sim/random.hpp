#pragma once
// Reproducible, independent random streams keyed by (seed, replication, purpose, entity).
//
// Every source of randomness in a model (arrivals at site 3, service times at desk 7, uptake of
// cohort 12...) draws from its own engine, and that engine is a pure function of its key. So:
//   * results do not depend on how entities are spread over threads or in what order streams
//     are created (reproducibility independent of the thread count);
//   * two scenarios that differ only in, say, the number of desks still see the same arrivals,
//     because the arrival stream's key did not change (common random numbers, which shrinks the
//     variance of scenario differences);
//   * replications differ only in the replication number, so replication r can be rerun alone.
//
// Engine: boost::random::mt19937_64. Boost (not std) engines and distributions give bit-identical
// results with libstdc++ and libc++. Among Boost.Random engines it is the usual choice: fast,
// 64-bit output (a double from one call), period 2^19937-1, equidistributed in 311 dimensions,
// and passes the statistical batteries that matter for simulation; its 2.5 KB state is no burden
// since we hold one engine per (purpose, entity), not one per draw. Boost 1.74 has no PCG or
// xoshiro, and the lagged-Fibonacci, taus88 and ranlux engines are either weaker or much slower.
//
// Seeding: the four key words go through SplitMix64 finalizers (a bijective avalanche mix, so
// keys 0 and 1 become unrelated 64-bit words), are chained so that every word depends on all
// previous fields, and the eight resulting 32-bit words seed the engine through the standard
// seed_seq algorithm, which spreads them over all 312 state words. The chain is injective:
// distinct keys always give distinct seed words, hence no two keys share a stream by collision.

#include <array>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>
#include <cstdint>
#include <string_view>

namespace vaxsim::sim {

using RandomEngine = boost::random::mt19937_64;

/// Turns a human-readable stream purpose ("arrivals", "service/vaccinator") into a stable
/// 64-bit id (FNV-1a 64). Stable across compilers and runs, so streams keep their numbers when
/// code is reordered; a compile-time constant when `name` is a literal.
constexpr std::uint64_t purpose_id(std::string_view name) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);  // bytes, not chars: char may be signed
    hash *= 0x100000001b3ULL;               // FNV-1a 64 prime
  }
  return hash;
}

/// Identifies one stream within a replication: what it is for, and which entity (site, desk,
/// cohort...) it belongs to.
struct StreamKey {
  std::uint64_t purpose;
  std::uint64_t entity;

  friend constexpr bool operator==(const StreamKey&, const StreamKey&) = default;
};

namespace detail {

/// The SplitMix64 output finalizer (Steele, Lea & Flood 2014): a bijection on 64-bit words with
/// full avalanche, so neighbouring inputs give unrelated outputs.
constexpr std::uint64_t splitmix64_finalize(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The eight 32-bit seed words of a key. Field i is offset by a distinct multiple of the golden
/// gamma before mixing, so equal values in different fields do not cancel in the chain.
constexpr std::array<std::uint32_t, 8> stream_seed_words(std::uint64_t seed,
                                                         std::uint64_t replication,
                                                         std::uint64_t purpose,
                                                         std::uint64_t entity) noexcept {
  constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;
  const std::array<std::uint64_t, 4> fields{seed, replication, purpose, entity};
  std::array<std::uint32_t, 8> words{};
  std::uint64_t chain = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    chain = splitmix64_finalize(chain ^ splitmix64_finalize(fields[i] + (i + 1) * kGoldenGamma));
    words[2 * i] = static_cast<std::uint32_t>(chain);
    words[2 * i + 1] = static_cast<std::uint32_t>(chain >> 32);
  }
  return words;
}

}  // namespace detail

/// Hands out independently seeded engines for one replication of one experiment.
///
/// Stateless apart from its two numbers: `engine()` is const, thread-safe, and returns the same
/// engine for the same key whenever and however often it is called. Creating an engine costs a
/// few microseconds (seeding 2.5 KB of state), so create one per entity and keep it; do not
/// create one per draw.
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept
      : seed_(seed), replication_(replication) {}

  /// A fresh engine for (seed, replication, purpose, entity), positioned at its first draw.
  RandomEngine engine(std::uint64_t purpose, std::uint64_t entity) const {
    const std::array<std::uint32_t, 8> words =
        detail::stream_seed_words(seed_, replication_, purpose, entity);
    boost::random::seed_seq sequence(words.begin(), words.end());
    return RandomEngine(sequence);
  }
  RandomEngine engine(StreamKey key) const { return engine(key.purpose, key.entity); }

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replication() const noexcept { return replication_; }

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
};

}  // namespace vaxsim::sim
