// DetectSynthetic: tells runs on `entangle synth` corpora from runs on OpenAlex data, so that the
// report can never present made-up numbers without a banner.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "report/report.h"

namespace entangle::report {
namespace {

// A part file sits at <root>/data/works/updated_date=*/part_*.gz; the root is 4 levels up.
constexpr int kLevelsUp = 4;

std::string FindSyntheticMarker(const std::string& input) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path = fs::absolute(fs::path(input), ec);
  if (ec) return "";
  if (!fs::is_directory(path, ec)) path = path.parent_path();
  for (int level = 0; level <= kLevelsUp && !path.empty(); ++level) {
    fs::path marker = path / "SYNTHETIC.txt";
    if (fs::is_regular_file(marker, ec)) return marker.string();
    if (path == path.parent_path()) break;
    path = path.parent_path();
  }
  return "";
}

}  // namespace

bool IsInventedOpenAlexId(const std::string& id) {
  if (id.size() != 11 || (id[0] != 'I' && id[0] != 'F') || id[1] != '9' || id[2] != '1') return false;
  for (size_t i = 3; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return true;
}

SyntheticVerdict DetectSynthetic(const std::vector<std::string>& input_paths,
                                 const std::vector<std::string>& entity_ids) {
  SyntheticVerdict verdict;
  for (const std::string& input : input_paths) {
    std::string marker = FindSyntheticMarker(input);
    if (!marker.empty()) {
      verdict.evidence.push_back(fmt::format("input {} comes with {}, written by `entangle synth`", input, marker));
    }
  }
  size_t invented = 0;
  std::string example;
  for (const std::string& id : entity_ids) {
    if (!IsInventedOpenAlexId(id)) continue;
    if (invented++ == 0) example = id;
  }
  if (invented > 0) {
    verdict.evidence.push_back(
        fmt::format("{} institution or funder id(s) such as {} lie in the range `entangle synth` invents "
                    "(I91/F91 + 8 digits), beyond any real OpenAlex id",
                    invented, example));
  }
  verdict.synthetic = !verdict.evidence.empty();
  return verdict;
}

}  // namespace entangle::report
