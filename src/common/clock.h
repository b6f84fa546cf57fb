#pragma once
// Timestamps as entangle writes them everywhere (runs, reports, fetch journals): ISO 8601 in UTC
// to the second, "2026-12-07T05:19:58Z".
#include <ctime>
#include <string>

namespace entangle {

std::string IsoUtc(std::time_t t);
std::string NowUtc();  // IsoUtc(now)

}  // namespace entangle
