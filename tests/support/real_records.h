#pragma once
// Real OpenAlex records from ../shared/data/openalex for unit tests, looked up by work id.
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.h"  // TempDir, for the tests that include this header

namespace entangle::testing {

// A study that takes every field: Europe and China, 2000-2030, any language or type. The real
// records' joint works are spread over many fields, so this is the study that keeps them all.
inline constexpr const char* kEuropeChinaEveryFieldStudy = R"(name = "Europe-China, every field"
[groups.a]
countries = ["EUROPE"]
[groups.b]
countries = ["CHINA"]
[scope]
years = [2000, 2030]
include_unknown_language = true
)";

std::string SharedPath(const std::string& relative);  // ENTANGLE_SHARED_DIR + "/" + relative
std::string SourcePath(const std::string& relative);  // ENTANGLE_SOURCE_DIR + "/" + relative

// Every line of a (gzipped) JSON Lines file.
std::vector<std::string> ReadLines(const std::string& path);

// The record with this short id ("W2988916019") from works-real.jsonl.gz; aborts the test
// binary when missing (the fixture is part of the repository's contract with ../shared).
const std::string& RealWork(const std::string& short_id);

// A copy of `text` with simdjson padding after it, for parsers that read in place.
struct PaddedLine {
  explicit PaddedLine(const std::string& text);
  const char* data() const { return buffer.data(); }
  size_t size() const { return length; }
  size_t capacity() const { return buffer.size(); }
  std::string buffer;
  size_t length;
};

// Runs the entangle binary with arguments; returns its exit code, stdout in `out`, stderr in `err`.
// `env` is set for the child only (NAME=value before the command).
int RunEntangle(const std::string& args, std::string* out, std::string* err = nullptr,
                const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace entangle::testing
