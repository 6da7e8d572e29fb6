#pragma once
// The supply record and the network record under the model's names: the dose flow keeps them
// (supply/supply_record.hpp), the campaign's results carry them.

#include "vaxsim/supply/supply_record.hpp"

namespace vaxsim::model {

using supply::NetworkRecord;
using supply::SupplyNodeKind;
using supply::SupplyRecord;
using supply::to_string;

}  // namespace vaxsim::model
