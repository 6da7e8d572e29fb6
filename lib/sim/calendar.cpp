#include "vaxsim/sim/calendar.hpp"

#include <charconv>
#include <stdexcept>

namespace vaxsim::sim {
namespace {

// Reads exactly `width` decimal digits at `pos`; -1 when they are not all digits.
int read_digits(std::string_view s, std::size_t pos, std::size_t width) {
  int value = 0;
  const char* first = s.data() + pos;
  const char* last = first + width;
  for (const char* p = first; p != last; ++p) {
    if (*p < '0' || *p > '9') return -1;
  }
  std::from_chars(first, last, value);
  return value;
}

std::string two_digits(int v) {
  return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

}  // namespace

Date parse_date(std::string_view iso) {
  const auto fail = [&] {
    throw std::invalid_argument("not a date of the form YYYY-MM-DD: '" + std::string(iso) + "'");
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') fail();
  const int y = read_digits(iso, 0, 4);
  const int m = read_digits(iso, 5, 2);
  const int d = read_digits(iso, 8, 2);
  if (y < 0 || m < 0 || d < 0) fail();
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    throw std::invalid_argument("no such date: '" + std::string(iso) + "'");
  }
  return date;
}

std::string format_date(Date date) {
  const int y = static_cast<int>(date.year());
  const auto m = static_cast<int>(static_cast<unsigned>(date.month()));
  const auto d = static_cast<int>(static_cast<unsigned>(date.day()));
  std::string out = std::to_string(y);
  while (out.size() < 4) out.insert(out.begin(), '0');
  return out + "-" + two_digits(m) + "-" + two_digits(d);
}

Duration parse_time_of_day(std::string_view hh_mm) {
  const auto fail = [&] {
    throw std::invalid_argument("not a time of day of the form HH:MM: '" + std::string(hh_mm) +
                                "'");
  };
  if (hh_mm.size() != 5 || hh_mm[2] != ':') fail();
  const int h = read_digits(hh_mm, 0, 2);
  const int m = read_digits(hh_mm, 3, 2);
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) fail();
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

std::string format_time_of_day(Duration since_midnight) {
  const auto minutes = std::chrono::floor<std::chrono::minutes>(since_midnight).count();
  return two_digits(static_cast<int>(minutes / 60)) + ":" +
         two_digits(static_cast<int>(minutes % 60));
}

}  // namespace vaxsim::sim
