#pragma once
// A replication's result, or its verdict, as bytes and back, so that results computed in another
// process (an MPI rank, see vaxsim/mpi/) can be combined as if computed here.
//
// The round trip is exact: every field, doubles bit for bit (NaN payloads and -0 included), so
// statistics over decoded results equal those over the originals. The bytes are in the
// machine's own byte order and layout version: for processes running the same vaxsim build, not
// a file format. decode_* checks every length against the buffer and throws
// std::invalid_argument for a truncated, padded or corrupt buffer; it never reads past the end.

#include <cstddef>
#include <span>
#include <vector>

#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"

namespace vaxsim::run {

std::vector<std::byte> encode(const model::CampaignResult& result);
model::CampaignResult decode_result(std::span<const std::byte> bytes);

std::vector<std::byte> encode(const model::Verdict& verdict);
model::Verdict decode_verdict(std::span<const std::byte> bytes);

}  // namespace vaxsim::run
