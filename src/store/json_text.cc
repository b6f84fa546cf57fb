// JSON text for list and map columns (raw_affiliations, runs.inputs, runs.skipped_json).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "store/study_db_writer.h"

namespace entangle::store {
namespace {

std::string DumpJson(const nlohmann::json& value) {
  // Paths and messages may carry bytes that are not UTF-8; dump() would throw on them.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string JsonText(const std::vector<std::string>& items) { return DumpJson(nlohmann::json(items)); }

std::string JsonText(const std::map<std::string, uint64_t>& counts) { return DumpJson(nlohmann::json(counts)); }

std::string JsonStringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
          } else {
            out += c;
          }
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

}  // namespace entangle::store
