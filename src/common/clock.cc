#include "common/clock.h"

namespace entangle {

std::string IsoUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string NowUtc() { return IsoUtc(std::time(nullptr)); }

}  // namespace entangle
