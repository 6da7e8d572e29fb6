#pragma once
// Dated rules for which doses are given: "from 10 June, second doses only".

#include <vector>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::model {

struct DosePolicy {
  sim::Date from;  // in force from this date until the next policy's
  /// Whether first doses are booked at all.
  bool first_doses = true;
  /// Book due second doses before any first dose.
  bool second_doses_first = true;
  /// Keep stock back for the second doses due in this many coming days (0: use everything now).
  int reserve_second_dose_days = 0;
};

}  // namespace vaxsim::model
