#include "vaxsim/model/supply_record.hpp"

namespace vaxsim::model {

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

}  // namespace vaxsim::model
