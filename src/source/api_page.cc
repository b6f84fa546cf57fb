#include "source/api_page.h"

#include <simdjson.h>

#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>

namespace entangle::source {
namespace {

// SAX events up to the answer: is the top level an object whose "results" value is an array?
// Returning false from a handler stops the parse there.
class ResultsArrayProbe final : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool is_page() const { return is_page_; }

  bool null() override { return Scalar(); }
  bool boolean(bool) override { return Scalar(); }
  bool number_integer(number_integer_t) override { return Scalar(); }
  bool number_unsigned(number_unsigned_t) override { return Scalar(); }
  bool number_float(number_float_t, const string_t&) override { return Scalar(); }
  bool string(string_t&) override { return Scalar(); }
  bool binary(binary_t&) override { return Scalar(); }
  bool start_object(std::size_t) override {
    if (AtResultsValue()) return false;
    ++depth_;
    return true;
  }
  bool key(string_t& name) override {
    at_results_key_ = depth_ == 1 && name == "results";
    return true;
  }
  bool end_object() override { return --depth_ > 0; }
  bool start_array(std::size_t) override {
    if (depth_ == 0) return false;  // a top-level array is not a page
    if (AtResultsValue()) {
      is_page_ = true;
      return false;
    }
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool AtResultsValue() const { return depth_ == 1 && at_results_key_; }
  // A scalar at the top level, or as the value of "results", settles it: not a page.
  bool Scalar() { return depth_ > 0 && !AtResultsValue(); }

  int depth_ = 0;
  bool at_results_key_ = false;
  bool is_page_ = false;
};

std::string ErrorText(simdjson::error_code error, const char* what) {
  return std::string(what) + ": " + simdjson::error_message(error);
}

// Appends `raw` (one JSON value as written) minified, so it fits on one line.
simdjson::error_code AppendMinified(std::string_view raw, std::string& text) {
  size_t start = text.size();
  text.resize(start + raw.size());
  size_t length = 0;
  simdjson::error_code error = simdjson::minify(raw.data(), raw.size(), text.data() + start, length);
  text.resize(error ? start : start + length);
  if (!error) text.push_back('\n');
  return error;
}

// Returns why the page could not be read to its end, or "" when it could.
std::string AppendResults(const simdjson::padded_string& json, ApiPageLines& page) {
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object top;
  simdjson::ondemand::array results;
  if (auto error = parser.iterate(json).get(doc)) return ErrorText(error, "page");
  if (auto error = doc.get_object().get(top)) return ErrorText(error, "page");
  if (auto error = top.find_field_unordered("results").get_array().get(results)) return ErrorText(error, "results");
  for (auto element : results) {
    std::string_view raw;
    simdjson::error_code error = simdjson::to_json_string(element).get(raw);
    if (!error) error = AppendMinified(raw, page.text);
    if (error) return ErrorText(error, "results element") + " after " + std::to_string(page.records) + " elements";
    ++page.records;
  }
  return "";
}

}  // namespace

bool LooksLikeApiPage(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  ResultsArrayProbe probe;
  try {
    nlohmann::json::sax_parse(in, &probe);
  } catch (const std::exception&) {
    return false;  // the probe never throws; this guards the library's own I/O
  }
  return probe.is_page();
}

bool LooksLikeApiPageText(std::string_view text) {
  ResultsArrayProbe probe;
  try {
    nlohmann::json::sax_parse(text.begin(), text.end(), &probe);
  } catch (const std::exception&) {
    return false;
  }
  return probe.is_page();
}

ApiPageLines ReadApiPageLines(const std::string& path) {
  ApiPageLines page;
  simdjson::padded_string json;
  if (auto error = simdjson::padded_string::load(path).get(json)) {
    page.error = ErrorText(error, "reading the page");
    return page;
  }
  page.file_bytes = json.size();
  page.text.reserve(json.size());
  page.error = AppendResults(json, page);
  return page;
}

ApiPageLines ApiPageLinesFromText(std::string_view text, uint64_t file_bytes) {
  ApiPageLines page;
  simdjson::padded_string json(text);
  page.file_bytes = file_bytes;
  page.text.reserve(text.size());
  page.error = AppendResults(json, page);
  return page;
}

ApiPageLines ReadWorkDocumentLines(const std::string& path) {
  ApiPageLines lines;
  simdjson::padded_string json;
  if (auto error = simdjson::padded_string::load(path).get(json)) {
    lines.error = ErrorText(error, "reading the document");
    return lines;
  }
  lines.file_bytes = json.size();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(json).get(root)) {
    lines.error = ErrorText(error, "document");
    return lines;
  }
  // One work: an object whose "id" is an OpenAlex work id, as the official CLI writes them.
  auto is_work = [](simdjson::dom::element e) {
    std::string_view id;
    if (e["id"].get_string().get(id) != simdjson::SUCCESS) return false;
    size_t slash = id.rfind('/');
    std::string_view last = slash == std::string_view::npos ? id : id.substr(slash + 1);
    return last.size() > 1 && (last[0] == 'W' || last[0] == 'w') &&
           last.find_first_not_of("0123456789", 1) == std::string_view::npos;
  };
  auto append = [&](simdjson::dom::element e) {
    lines.text += simdjson::minify(e);
    lines.text.push_back('\n');
    ++lines.records;
  };
  if (root.is_object() && is_work(root)) {
    append(root);
  } else if (simdjson::dom::array list; root.get_array().get(list) == simdjson::SUCCESS) {  // a list of works
    for (simdjson::dom::element e : list) {
      if (!e.is_object() || !is_work(e)) {
        lines.text.clear();
        lines.records = 0;
        break;
      }
      append(e);
    }
  }
  if (lines.records == 0) {
    lines.error = "one JSON document over several lines (pretty-printed) that is not an OpenAlex work (an object "
                  "whose \"id\" is a work id), neither JSON Lines (one work per line) nor an API page (an object with "
                  "a \"results\" array); the file was not read";
  }
  return lines;
}

}  // namespace entangle::source
