#pragma once
// Which of a study's two groups a country, an institution or a work belongs to: a set of the
// group bits, as the scan computes them (WorkFilter::GroupsOf). A country may be in both groups
// (a study of "Europe" and "Germany"), or in neither. The study database stores a set as its
// label "a", "b", "ab" or "" (work_countries.in_group); Label() and FromLabel() convert.
#include <cstdint>
#include <string_view>

namespace entangle::select {

inline constexpr uint8_t kGroupA = 1;
inline constexpr uint8_t kGroupB = 2;

class Sides {
 public:
  constexpr Sides() = default;
  constexpr explicit Sides(uint8_t group_bits) : bits_(group_bits & (kGroupA | kGroupB)) {}
  // "a", "b", "ab" (either order) or ""; other characters are not groups and are ignored.
  static constexpr Sides FromLabel(std::string_view label) {
    uint8_t bits = 0;
    for (char c : label) bits |= c == 'a' ? kGroupA : c == 'b' ? kGroupB : 0;
    return Sides(bits);
  }

  constexpr uint8_t bits() const { return bits_; }
  // Whether this set shares a group with `other` (for one side: whether it holds that side).
  constexpr bool Has(Sides other) const { return (bits_ & other.bits_) != 0; }
  constexpr bool none() const { return bits_ == 0; }
  constexpr bool both() const { return bits_ == (kGroupA | kGroupB); }
  // The other group of a single side (A for B, B for A); both for none and none for both.
  constexpr Sides Other() const { return Sides(static_cast<uint8_t>(~bits_)); }
  constexpr std::string_view Label() const {
    constexpr std::string_view kLabels[] = {"", "a", "b", "ab"};
    return kLabels[bits_];
  }
  constexpr bool operator==(const Sides&) const = default;
  constexpr auto operator<=>(const Sides&) const = default;

 private:
  uint8_t bits_ = 0;
};

inline constexpr Sides kSideA{kGroupA};
inline constexpr Sides kSideB{kGroupB};
// The two sides in the order exhibits list them.
inline constexpr Sides kEachSide[] = {kSideA, kSideB};

}  // namespace entangle::select
