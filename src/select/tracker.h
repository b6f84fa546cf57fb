#pragma once
// A tracker definition (issue 21): many studies at once, as areas × pairs. An area is a study file
// (its field and scope); a pair is two country groups, named by a preset ("germany-china") or
// written out. Each area × pair is one study: the area's definition with the pair's groups. Read
// from TOML; see studies/critical-tech/tracker.toml and docs/tracker.md.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "select/study_definition.h"

namespace entangle::select {

// A named pair of groups that trackers may name instead of writing the countries out.
struct PairPreset {
  std::string_view key;  // "europe-china"
  std::string_view a_name, b_name;
  std::span<const std::string_view> a_countries, b_countries;  // country codes and country presets
  std::string_view description;
};
std::span<const PairPreset> PairPresets();
const PairPreset* FindPairPreset(std::string_view key);  // exact key, any case; nullptr if none

struct TrackerPair {
  std::string key;  // "europe-china": the preset's key, or the written pair's `key`
  CountryGroup a, b;
};

// One study of a tracker: an area for a pair.
struct TrackerStudy {
  std::string key;        // "<area file stem>.<pair key>", e.g. "quantum.europe-china": names its database
  std::string area;       // the area's file stem, "quantum"
  std::string pair;       // the pair's key
  StudyDefinition study;  // parsed from a standalone TOML text of its own (study.source_text)
};

struct TrackerDefinition {
  std::string name, description;
  std::vector<std::string> area_paths;  // resolved, in the order written
  std::vector<TrackerPair> pairs;       // empty: each area with the groups its file gives
  std::vector<TrackerStudy> studies;    // areas × pairs, area-major
  std::string source_path;
};

// Reads and validates a tracker and every area it names. Errors name the file, the key and the
// problem, e.g. "tracker.toml: pairs[1]: unknown pair preset \"germny-china\" (did you mean
// \"germany-china\"?)"; an area's own errors come with the area's path.
Result<TrackerDefinition> LoadTrackerDefinition(const std::string& path);
Result<TrackerDefinition> ParseTrackerDefinition(const std::string& toml_text, const std::string& origin);

}  // namespace entangle::select
