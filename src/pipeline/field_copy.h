#pragma once
// What the works pass keeps of each copy of a work until the duplicates are resolved: the key that
// ranks it among the work's other copies, and for a field-relevant copy the few facts the totals,
// the field_works table and the summary need. At full-OpenAlex scale there are millions of these.
#include <compare>
#include <cstdint>

#include "common/country_index.h"
#include "select/sides.h"

namespace entangle::pipeline {

// Orders copies of one work: the greater key wins (docs/counting.md, "Duplicates"; duplicate_rules.h
// makes one from a record).
struct CopyKey {
  uint64_t updated = 0;  // PackTimestamp(updated_date or partition date)
  uint32_t file = 0;     // index in the (sorted) input plan
  uint32_t line = 0;
  auto operator<=>(const CopyKey&) const = default;
};

struct CountryShare {
  CountryIndex country = 0;
  bool whole = false;  // counts in whole counting
  double fractional = 0;
};

// One field-relevant copy of a work, kept until the duplicates are resolved: there is one per
// field-relevant work of the corpus, so every byte counts (48 bytes, no padding).
struct FieldCopy {
  uint64_t id = 0;
  CopyKey key;
  uint32_t cited_by_count = 0;
  float fwci = -1;  // -1: absent
  uint32_t primary_subfield = 0;
  uint32_t shares_begin = 0;
  uint16_t primary_field = 0;
  uint16_t shares_count = 0;
  uint16_t year = 0;
  uint8_t groups = 0;
  uint8_t thread = 0;
  bool joint() const { return (groups & select::kGroupA) && (groups & select::kGroupB); }
};
static_assert(sizeof(FieldCopy) == 48);

}  // namespace entangle::pipeline
