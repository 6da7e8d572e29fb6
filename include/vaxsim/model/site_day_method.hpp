#pragma once
// How a site-day is computed, as a run's options name it. Apart from site_day.hpp (the engine
// itself, with the simulator and random engines) so that choosing a method through RunOptions
// does not bring the engine into every planning tool that runs a campaign.

namespace vaxsim::model {

/// How SiteDay computes a day (see the top of site_day.hpp). Both give the same outcome.
enum class SiteDayMethod { sweep, events };

}  // namespace vaxsim::model
