#pragma once
// OpenAlex API list pages ({"meta": ..., "results": [...]}) turned into JSON Lines text.
// Internal to the source stage.
#include <cstdint>
#include <string>

namespace entangle::source_internal {

// True when the file holds a JSON object with a "results" array. Reads only as far as the
// "results" key, so a page cut short after it still counts as a (malformed) page.
bool LooksLikeApiPage(const std::string& path);

struct ApiPageLines {
  std::string text;       // one minified element of "results" per line, each ending in '\n'
  uint64_t records = 0;   // lines in text
  uint64_t file_bytes = 0;
  std::string error;      // why the page could not be read to its end; empty when it could
};

// Reads the page whole. Elements before a structural error are kept.
ApiPageLines ReadApiPageLines(const std::string& path);

}  // namespace entangle::source_internal
