#include "vaxsim/mpi/replications.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "vaxsim/model/verdict.hpp"
#include "vaxsim/mpi/share.hpp"
#include "vaxsim/run/result_codec.hpp"
#include "vaxsim/run/sweep.hpp"

namespace vaxsim::mpi {
namespace {

/// A private copy of the caller's communicator, so that our messages never meet theirs.
class Communicator {
 public:
  explicit Communicator(MPI_Comm comm) {
    MPI_Comm_dup(comm, &comm_);
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
  }
  ~Communicator() { MPI_Comm_free(&comm_); }
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;

  MPI_Comm get() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
};

// --- Failures ---------------------------------------------------------------------------------

enum class Failure : int { none, cancelled, invalid_argument, other };

struct Outcome {
  Failure failure = Failure::none;
  std::string message;
};

template <class F>
Outcome attempt(F&& f) {
  try {
    f();
    return {};
  } catch (const model::Cancelled& e) {
    return {Failure::cancelled, e.what()};
  } catch (const std::invalid_argument& e) {
    return {Failure::invalid_argument, e.what()};
  } catch (const std::exception& e) {
    return {Failure::other, e.what()};
  } catch (...) {
    return {Failure::other, "unknown exception"};
  }
}

/// Collective. If any rank failed, every rank throws the failure of the lowest rank that did
/// (its message prefixed with the rank when `name_rank`), so all ranks leave together and exit
/// alike. Otherwise returns.
void settle(const Outcome& mine, const Communicator& comm, bool name_rank) {
  int first = mine.failure == Failure::none ? comm.size() : comm.rank();
  MPI_Allreduce(MPI_IN_PLACE, &first, 1, MPI_INT, MPI_MIN, comm.get());
  if (first == comm.size()) return;
  constexpr std::size_t kMaxMessage = 64 * 1024;  // for people: a longer one is cut
  std::string message = comm.rank() == first ? mine.message.substr(0, kMaxMessage) : "";
  int head[2] = {static_cast<int>(mine.failure), static_cast<int>(message.size())};
  MPI_Bcast(head, 2, MPI_INT, first, comm.get());
  message.resize(static_cast<std::size_t>(head[1]));
  MPI_Bcast(message.data(), head[1], MPI_CHAR, first, comm.get());
  if (name_rank && comm.size() > 1) {
    message =
        "on rank " + std::to_string(first) + " of " + std::to_string(comm.size()) + ": " + message;
  }
  switch (static_cast<Failure>(head[0])) {
    case Failure::cancelled:
      throw model::Cancelled();
    case Failure::invalid_argument:
      throw std::invalid_argument(message);
    default:
      throw std::runtime_error(message);
  }
}

// --- Arguments --------------------------------------------------------------------------------

/// What run::for_each_replication would reject, with its words, before anything runs.
void check_arguments(std::span<const model::CampaignConfig> points,
                     std::span<const std::uint64_t> seeds, const run::ReplicationOptions& options) {
  if (seeds.size() != points.size()) {
    throw std::invalid_argument("for_each_replication: " + std::to_string(seeds.size()) +
                                " seeds for " + std::to_string(points.size()) + " campaigns");
  }
  if (options.replications < 1) {
    throw std::invalid_argument("replications must be at least 1, got " +
                                std::to_string(options.replications));
  }
  for (const model::CampaignConfig& config : points) {
    const std::vector<model::ConfigProblem> problems = model::validate(config);
    if (problems.empty()) continue;
    std::string message = "invalid campaign config:";  // as model::run_campaign says it
    for (const model::ConfigProblem& p : problems) message += "\n  " + p.field + ": " + p.message;
    throw std::invalid_argument(message);
  }
}

/// FNV-1a of what must be the same on every rank: not a proof that the configs are equal, but
/// it catches a rank started with another scenario, seed or replication count.
class Fingerprint {
 public:
  void add(const void* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= static_cast<std::uint64_t>(static_cast<const unsigned char*>(data)[i]);
      hash_ *= 1099511628211ULL;
    }
  }
  void add(std::uint64_t value) { add(&value, sizeof value); }
  void add(std::string_view text) {
    add(static_cast<std::uint64_t>(text.size()));
    add(text.data(), text.size());
  }
  void add(sim::Date date) {
    add(static_cast<std::uint64_t>(std::chrono::sys_days{date}.time_since_epoch().count()));
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

std::uint64_t fingerprint(std::span<const model::CampaignConfig> points,
                          std::span<const std::uint64_t> seeds,
                          const run::ReplicationOptions& options) {
  Fingerprint f;
  f.add(static_cast<std::uint64_t>(points.size()));
  f.add(static_cast<std::uint64_t>(options.replications));
  f.add(options.first_replication);
  for (const std::uint64_t seed : seeds) f.add(seed);
  for (const model::CampaignConfig& c : points) {
    f.add(c.name);
    f.add(c.start);
    f.add(c.end);
    f.add(static_cast<std::uint64_t>(c.cities.size()));
    f.add(static_cast<std::uint64_t>(c.sites.size()));
    f.add(static_cast<std::uint64_t>(c.products.size()));
    f.add(static_cast<std::uint64_t>(c.supply.deliveries.size()));
  }
  return f.value();
}

/// Collective: throws std::invalid_argument on every rank unless all fingerprints are equal.
void agree(std::uint64_t mine, const Communicator& comm) {
  std::uint64_t low[2] = {mine, ~mine};  // min of ~x is ~(max of x)
  MPI_Allreduce(MPI_IN_PLACE, low, 2, MPI_UINT64_T, MPI_MIN, comm.get());
  if (low[0] != ~low[1]) {
    throw std::invalid_argument(
        "the MPI ranks were given different campaigns or options; start every rank with the same "
        "scenario, seed and replications");
  }
}

// --- Progress ---------------------------------------------------------------------------------

std::int64_t days_of(const model::CampaignConfig& c) {
  const auto span = std::chrono::sys_days{c.end} - std::chrono::sys_days{c.start};
  return std::max<std::int64_t>(span.count() + 1, 0);
}

/// Reports the days of one block as days of the rank's whole share.
class ShareProgress final : public model::ProgressObserver {
 public:
  ShareProgress(model::ProgressObserver& outer, std::int64_t before, std::int64_t total)
      : outer_{outer}, before_{before}, total_{total} {}
  bool on_day(int day, int /*days*/) override {
    return outer_.on_day(clamped(before_ + day), clamped(total_));
  }

 private:
  static int clamped(std::int64_t n) {
    return static_cast<int>(std::min<std::int64_t>(n, std::numeric_limits<int>::max()));
  }
  model::ProgressObserver& outer_;
  std::int64_t before_;
  std::int64_t total_;
};

// --- Bytes between ranks ----------------------------------------------------------------------

constexpr int kTag = 1;
// MPI counts are ints: big buffers go in pieces of 1 GiB.
constexpr std::size_t kPiece = std::size_t{1} << 30;

void send_bytes(std::span<const std::byte> bytes, int to, const Communicator& comm) {
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    const std::size_t n = std::min(kPiece, bytes.size() - at);
    MPI_Send(bytes.data() + at, static_cast<int>(n), MPI_BYTE, to, kTag, comm.get());
  }
}

void receive_bytes(std::span<std::byte> bytes, int from, const Communicator& comm) {
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    const std::size_t n = std::min(kPiece, bytes.size() - at);
    MPI_Recv(bytes.data() + at, static_cast<int>(n), MPI_BYTE, from, kTag, comm.get(),
             MPI_STATUS_IGNORE);
  }
}

// --- The shared run ---------------------------------------------------------------------------

/// Runs this rank's share of points x options.replications runs; `keep(point, result)` turns a
/// result into what is kept of it, `encode` and `decode` carry that to rank 0. Returns, on rank
/// 0, what was kept of every run, run (point p, index i) at p * replications + i; elsewhere,
/// nothing.
template <class T, class Keep, class Encode, class Decode>
std::vector<T> run_shared(std::span<const model::CampaignConfig> points,
                          std::span<const std::uint64_t> seeds,
                          const run::ReplicationOptions& options, const Communicator& comm,
                          const Keep& keep, const Encode& encode, const Decode& decode) {
  settle(attempt([&] { check_arguments(points, seeds, options); }), comm, false);
  agree(fingerprint(points, seeds, options), comm);

  const auto per_point = static_cast<std::size_t>(options.replications);
  const std::size_t runs = points.size() * per_point;
  const std::vector<Block> blocks =
      share(points.size(), options.replications, comm.rank(), comm.size());
  std::vector<T> kept(comm.root() ? runs : 0);
  std::vector<std::pair<std::uint64_t, std::vector<std::byte>>> to_send;  // (run, bytes)
  if (!comm.root()) {
    std::size_t mine = 0;
    for (const Block& b : blocks) mine += b.points * static_cast<std::size_t>(b.replications);
    to_send.resize(mine);
  }

  const Outcome ran = attempt([&] {
    std::int64_t total = 0;
    for (const Block& b : blocks) {
      for (std::size_t p = b.first_point; p < b.first_point + b.points; ++p) {
        total += days_of(points[p]) * b.replications;
      }
    }
    std::int64_t before = 0;
    std::size_t slot = 0;  // of this block's first run in to_send
    for (const Block& b : blocks) {
      std::optional<ShareProgress> progress;
      if (options.progress != nullptr) progress.emplace(*options.progress, before, total);
      run::ReplicationOptions o = options;
      o.first_replication = options.first_replication + static_cast<std::uint64_t>(b.first_index);
      o.replications = b.replications;
      o.progress = progress ? &*progress : nullptr;
      run::for_each_replication(
          points.subspan(b.first_point, b.points), seeds.subspan(b.first_point, b.points), o,
          [&](std::size_t c, int i, model::CampaignResult&& result) {
            const std::size_t point = b.first_point + c;
            const std::size_t which =
                point * per_point + static_cast<std::size_t>(b.first_index + i);
            T value = keep(point, std::move(result));
            if (comm.root()) {
              kept[which] = std::move(value);
            } else {
              to_send[slot + c * static_cast<std::size_t>(b.replications) +
                      static_cast<std::size_t>(i)] = {which, encode(value)};
            }
          });
      for (std::size_t p = b.first_point; p < b.first_point + b.points; ++p) {
        before += days_of(points[p]) * b.replications;
      }
      slot += b.points * static_cast<std::size_t>(b.replications);
    }
  });
  settle(ran, comm, true);

  // Rank 0 takes every other rank's runs in turn: their count, then (run, size) and the bytes of
  // each. It reads everything even if a buffer is bad, so that no sender is left blocked.
  Outcome gathered;
  if (!comm.root()) {
    const std::uint64_t count = to_send.size();
    MPI_Send(&count, 1, MPI_UINT64_T, 0, kTag, comm.get());
    for (const auto& [which, bytes] : to_send) {
      const std::uint64_t head[2] = {which, bytes.size()};
      MPI_Send(head, 2, MPI_UINT64_T, 0, kTag, comm.get());
      send_bytes(bytes, 0, comm);
    }
  } else {
    std::vector<bool> filled(runs, false);
    for (const Block& b : blocks) {
      for (std::size_t p = b.first_point; p < b.first_point + b.points; ++p) {
        for (int i = b.first_index; i < b.first_index + b.replications; ++i) {
          filled[p * per_point + static_cast<std::size_t>(i)] = true;
        }
      }
    }
    std::vector<std::byte> bytes;
    for (int from = 1; from < comm.size(); ++from) {
      std::uint64_t count = 0;
      MPI_Recv(&count, 1, MPI_UINT64_T, from, kTag, comm.get(), MPI_STATUS_IGNORE);
      for (std::uint64_t k = 0; k < count; ++k) {
        std::uint64_t head[2] = {0, 0};
        MPI_Recv(head, 2, MPI_UINT64_T, from, kTag, comm.get(), MPI_STATUS_IGNORE);
        bytes.resize(static_cast<std::size_t>(head[1]));
        receive_bytes(bytes, from, comm);
        if (gathered.failure != Failure::none) continue;
        gathered = attempt([&] {
          if (head[0] >= runs || filled[head[0]]) {
            throw std::logic_error("rank " + std::to_string(from) + " sent run " +
                                   std::to_string(head[0]) + " unasked");
          }
          kept[head[0]] = decode(std::span<const std::byte>(bytes));
          filled[head[0]] = true;
        });
      }
    }
    if (gathered.failure == Failure::none &&
        std::find(filled.begin(), filled.end(), false) != filled.end()) {
      gathered = {Failure::other, "a run's result never reached rank 0"};
    }
  }
  settle(gathered, comm, true);
  return kept;
}

}  // namespace

std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const run::ReplicationOptions& options,
                                                    MPI_Comm comm) {
  const Communicator ranks(comm);
  if (ranks.size() == 1) return run::run_replications(config, options);
  const std::uint64_t seed = options.seed;
  return run_shared<model::CampaignResult>(
      std::span(&config, 1), std::span(&seed, 1), options, ranks,
      [](std::size_t, model::CampaignResult&& result) { return std::move(result); },
      [](const model::CampaignResult& result) { return run::encode(result); },
      [](std::span<const std::byte> bytes) { return run::decode_result(bytes); });
}

std::vector<run::Odds> run_sweep(std::span<const model::CampaignConfig> points,
                                 std::span<const std::uint64_t> seeds,
                                 const run::ReplicationOptions& options,
                                 const run::OddsOptions& odds, MPI_Comm comm) {
  const Communicator ranks(comm);
  if (ranks.size() == 1) return run::run_sweep(points, seeds, options, odds);
  // What run::run_sweep keeps of a run, and so what travels (a few hundred bytes): the verdict
  // and the second doses missed, appended to the verdict's bytes.
  struct Kept {
    model::Verdict verdict;
    std::int64_t missed_second_doses = 0;
  };
  std::vector<Kept> kept = run_shared<Kept>(
      points, seeds, options, ranks,
      [&](std::size_t point, model::CampaignResult&& result) {
        return Kept{model::judge(points[point], result), result.missed_second_doses};
      },
      [](const Kept& k) {
        std::vector<std::byte> bytes = run::encode(k.verdict);
        const auto* missed = reinterpret_cast<const std::byte*>(&k.missed_second_doses);
        bytes.insert(bytes.end(), missed, missed + sizeof k.missed_second_doses);
        return bytes;
      },
      [](std::span<const std::byte> bytes) {
        Kept k;
        if (bytes.size() < sizeof k.missed_second_doses) {
          throw std::invalid_argument("a sweep run's bytes end early");
        }
        const std::size_t verdict = bytes.size() - sizeof k.missed_second_doses;
        k.verdict = run::decode_verdict(bytes.first(verdict));
        std::memcpy(&k.missed_second_doses, bytes.data() + verdict, sizeof k.missed_second_doses);
        return k;
      });
  std::vector<run::Odds> out;
  if (!ranks.root()) return out;
  const auto per_point = static_cast<std::size_t>(options.replications);
  out.reserve(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::vector<model::Verdict> verdicts;
    std::vector<double> missed;
    verdicts.reserve(per_point);
    missed.reserve(per_point);
    for (std::size_t i = p * per_point; i < (p + 1) * per_point; ++i) {
      verdicts.push_back(std::move(kept[i].verdict));
      missed.push_back(static_cast<double>(kept[i].missed_second_doses));
    }
    out.push_back(run::target_odds(points[p], verdicts, odds));
    out.back().missed_second_doses = run::missed_second_doses_number(std::move(missed));
  }
  return out;
}

}  // namespace vaxsim::mpi
