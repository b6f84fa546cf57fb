#include "support/real_records.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <simdjson.h>

#include "extract/openalex_ids.h"
#include "source/chunk_reader.h"

namespace entangle::testing {

std::string SharedPath(const std::string& relative) { return std::string(ENTANGLE_SHARED_DIR) + "/" + relative; }
std::string SourcePath(const std::string& relative) { return std::string(ENTANGLE_SOURCE_DIR) + "/" + relative; }

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  auto reader = source::ChunkReader::Open(path);
  if (!reader.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), reader.status().ToString().c_str());
    std::abort();
  }
  std::string buffer;
  source::LineChunk chunk;
  while ((*reader)->Next(buffer, chunk)) {
    std::string_view data = chunk.data;
    while (!data.empty()) {
      size_t nl = data.find('\n');
      lines.emplace_back(data.substr(0, nl));
      data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    }
  }
  return lines;
}

const std::string& RealWork(const std::string& short_id) {
  static const auto* by_id = [] {
    auto* map = new std::unordered_map<std::string, std::string>();
    simdjson::dom::parser parser;
    for (std::string& line : ReadLines(SharedPath("data/openalex/works-real.jsonl.gz"))) {
      std::string_view id;
      if (parser.parse(line).at_key("id").get_string().get(id)) continue;
      (*map)[std::string(extract::LastPathSegment(id))] = std::move(line);
    }
    return map;
  }();
  auto it = by_id->find(short_id);
  if (it == by_id->end()) {
    std::fprintf(stderr, "fixture %s is not in works-real.jsonl.gz\n", short_id.c_str());
    std::abort();
  }
  return it->second;
}

PaddedLine::PaddedLine(const std::string& text) : buffer(text), length(text.size()) {
  buffer.append(simdjson::SIMDJSON_PADDING, ' ');
}

int RunEntangle(const std::string& args, std::string* out, std::string* err,
                const std::vector<std::pair<std::string, std::string>>& env) {
  static std::atomic<int> counter{0};
  std::string base = std::filesystem::temp_directory_path().string() + "/entangle-run-" +
                     std::to_string(getpid()) + "-" + std::to_string(counter++);
  std::string command;
  for (const auto& [name, value] : env) command += name + "='" + value + "' ";  // test paths hold no quotes
  command += std::string(ENTANGLE_BINARY) + " " + args + " >" + base + ".out 2>" + base + ".err </dev/null";
  int status = std::system(command.c_str());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  if (out) *out = slurp(base + ".out");
  if (err) *err = slurp(base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace entangle::testing
