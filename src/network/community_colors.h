#pragma once
// Internal: one colour per community, shared by the GEXF export and the report's JSON so that a
// community looks the same in Gephi and in the HTML report.
#include <cstdint>
#include <string>

namespace entangle::network {

struct Rgb {
  uint8_t r, g, b;
};

// A categorical palette, repeated when there are more communities than colours; grey for -1.
Rgb CommunityColor(int community);
std::string CommunityHex(int community);  // "#1f77b4"

}  // namespace entangle::network
