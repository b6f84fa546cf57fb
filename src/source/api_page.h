#pragma once
// OpenAlex API list pages ({"meta": ..., "results": [...]}) and one-work JSON documents turned into
// JSON Lines text.
// Internal to the source stage.
#include <cstdint>
#include <string>
#include <string_view>

namespace entangle::source {

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

// The same for a page already in memory (a gzipped page of `entangle fetch`'s cache, inflated).
bool LooksLikeApiPageText(std::string_view text);
ApiPageLines ApiPageLinesFromText(std::string_view text, uint64_t file_bytes);

// A JSON document over several lines: one work object (as the official OpenAlex CLI writes each
// work to its own W….json file) or an array of them, as lines. Anything else: records = 0 and
// `error` says why the file was not read.
ApiPageLines ReadWorkDocumentLines(const std::string& path);

}  // namespace entangle::source
