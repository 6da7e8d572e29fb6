#include "vaxsim/supply/supply_record.hpp"

namespace vaxsim::supply {

std::string_view to_string(SupplyNodeKind kind) {
  switch (kind) {
    case SupplyNodeKind::province:
      return "province";
    case SupplyNodeKind::store:
      return "store";
    case SupplyNodeKind::sites:
      return "sites";
    case SupplyNodeKind::county:
      return "county";
  }
  return "?";
}

}  // namespace vaxsim::supply
