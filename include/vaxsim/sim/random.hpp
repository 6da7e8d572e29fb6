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
// Engine: pcg64 (O'Neill's PCG XSL-RR 128/64, from Debian's libpcg-cpp-dev, header-only). A
// 128-bit linear congruential state with an odd 128-bit increment (the "stream"), output through
// a xor-shift and a random rotation: 64-bit output (a double from one call), period 2^128 per
// stream, and it passes BigCrush and PractRand. What decides it over Boost's mt19937_64 is size:
// 32 bytes of state instead of 2.5 KB. A campaign holds one engine per site and uses each a few
// hundred times a day, so Mersenne Twister's state was cold in cache at every site-day, seeding
// it (seed_seq over 312 words) cost microseconds, and the sweep's copy of the engine before each
// day (to replay it, see site_day.cpp) copied 2.5 KB. Boost 1.74 itself has no PCG or xoshiro.
// Every Boost distribution works with it (it is a UniformRandomBitGenerator with 64-bit
// result_type), and its algorithm is fully specified, so results stay identical across standard
// libraries and platforms.
//
// Seeding: the four key words go through SplitMix64 finalizers (a bijective avalanche mix, so
// keys 0 and 1 become unrelated 64-bit words), are chained so that every word depends on all
// previous fields, and the four chained words give the engine its 128-bit state (from the
// purpose and entity words) and its stream (from the seed and replication words). The chain is
// injective, so distinct keys give distinct words. pcg64 keeps 255 of their 256 bits (the
// increment is odd, so the stream word's top bit is dropped): each key shares its engine with
// exactly one other key, the same seed and entity with a replication number and a purpose that
// are in effect random 64-bit numbers.

#include <array>
#include <cstdint>
#include <pcg_random.hpp>
#include <string_view>

namespace vaxsim::sim {

using RandomEngine = pcg64;

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

/// The four 64-bit seed words of a key: word i depends on fields 0..i. Field i is offset by a
/// distinct multiple of the golden gamma before mixing, so equal values in different fields do
/// not cancel in the chain.
constexpr std::array<std::uint64_t, 4> stream_seed_words(std::uint64_t seed,
                                                         std::uint64_t replication,
                                                         std::uint64_t purpose,
                                                         std::uint64_t entity) noexcept {
  constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;
  const std::array<std::uint64_t, 4> fields{seed, replication, purpose, entity};
  std::array<std::uint64_t, 4> words{};
  std::uint64_t chain = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    chain = splitmix64_finalize(chain ^ splitmix64_finalize(fields[i] + (i + 1) * kGoldenGamma));
    words[i] = chain;
  }
  return words;
}

/// Two 64-bit words as one 128-bit number, `high` in the upper half.
inline pcg_extras::pcg128_t join_words(std::uint64_t high, std::uint64_t low) noexcept {
  return (static_cast<pcg_extras::pcg128_t>(high) << 64) | low;
}

}  // namespace detail

/// Hands out independently seeded engines for one replication of one experiment.
///
/// Stateless apart from its two numbers: `engine()` is const, thread-safe, and returns the same
/// engine for the same key whenever and however often it is called. An engine is 32 bytes and
/// costs a few nanoseconds to create, but it is a stream: create one per entity and keep it, so
/// that the entity's draws follow one another (creating one per draw would repeat the first).
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept
      : seed_(seed), replication_(replication) {}

  /// A fresh engine for (seed, replication, purpose, entity), positioned at its first draw.
  RandomEngine engine(std::uint64_t purpose, std::uint64_t entity) const {
    const std::array<std::uint64_t, 4> words =
        detail::stream_seed_words(seed_, replication_, purpose, entity);
    return RandomEngine(/*state=*/detail::join_words(words[3], words[2]),
                        /*stream=*/detail::join_words(words[1], words[0]));
  }
  RandomEngine engine(StreamKey key) const { return engine(key.purpose, key.entity); }

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replication() const noexcept { return replication_; }

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
};

/// A new engine seeded from four draws of `parent`: a stream of its own for a piece of the
/// parent's work whose number of draws must not move the parent's later ones (a site's service
/// times of one day, drawn ahead of need). Its 128-bit state and increment are words of the
/// parent's output, so it sits at an unrelated position of an unrelated pcg64 stream.
inline RandomEngine split_engine(RandomEngine& parent) {
  const std::uint64_t state_high = parent();
  const std::uint64_t state_low = parent();
  const std::uint64_t stream_high = parent();
  const std::uint64_t stream_low = parent();
  return RandomEngine(detail::join_words(state_high, state_low),
                      detail::join_words(stream_high, stream_low));
}

}  // namespace vaxsim::sim
