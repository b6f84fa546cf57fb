#include "report/html_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace entangle::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at text[i], 0 if invalid (overlong, surrogate, > U+10FFFF).
size_t Utf8Length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // beyond U+10FFFF
  return n;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      default:
        break;
    }
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else if (n == 1 && static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      out += c == '\r' ? std::string_view("") : kReplacement;
      ++i;
    } else if (n == 1 && c == 0x7F) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::optional<double> ParseNumber(std::string_view cell) {
  size_t i = 0;
  if (i < cell.size() && cell[i] == '-') ++i;
  size_t digits = 0, dots = 0;
  for (size_t k = i; k < cell.size(); ++k) {
    if (IsDigit(cell[k])) {
      ++digits;
    } else if (cell[k] == '.' && dots == 0) {
      ++dots;
    } else if (cell[k] == 'e' || cell[k] == 'E') {
      // SQLite writes very large or small REALs in exponent form ("1.5e-05").
      std::string copy(cell);
      char* end = nullptr;
      double value = std::strtod(copy.c_str(), &end);
      if (digits > 0 && end == copy.c_str() + copy.size() && std::isfinite(value)) return value;
      return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  std::string copy(cell);
  return std::strtod(copy.c_str(), nullptr);
}

std::string WithThousands(std::string_view cell) {
  if (!ParseNumber(cell) || cell.find_first_of("eE") != std::string_view::npos) return std::string(cell);
  size_t sign = cell[0] == '-' ? 1 : 0;
  size_t dot = cell.find('.');
  std::string_view integer = cell.substr(sign, (dot == std::string_view::npos ? cell.size() : dot) - sign);
  std::string out(cell.substr(0, sign));
  for (size_t k = 0; k < integer.size(); ++k) {
    if (k > 0 && (integer.size() - k) % 3 == 0) out += ',';
    out += integer[k];
  }
  if (dot != std::string_view::npos) out.append(cell.substr(dot));
  return out;
}

std::string DisplayCell(std::string_view column, std::string_view cell) {
  bool plain = column == "year" || column == "rank" || (column.size() >= 2 && column.substr(column.size() - 2) == "id");
  return plain ? std::string(cell) : WithThousands(cell);
}

namespace {

bool IsOpenAlexId(std::string_view cell) {
  if (cell.size() < 2 || std::string_view("WIFTA").find(cell[0]) == std::string_view::npos) return false;
  return std::all_of(cell.begin() + 1, cell.end(), IsDigit);
}

bool IsRorId(std::string_view cell) {
  return cell.size() == 9 && cell[0] == '0' &&
         std::all_of(cell.begin(), cell.end(), [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'z'); });
}

}  // namespace

std::string RecordUrl(std::string_view column, std::string_view cell) {
  if (cell.empty()) return "";
  if (column == "doi") return cell.find(' ') == std::string_view::npos ? "https://doi.org/" + std::string(cell) : "";
  if (column == "ror" && IsRorId(cell)) return "https://ror.org/" + std::string(cell);
  if (column == "entity_key") {
    if (cell.starts_with("openalex:") && IsOpenAlexId(cell.substr(9))) {
      return "https://openalex.org/" + std::string(cell.substr(9));
    }
    if (cell.starts_with("ror:") && IsRorId(cell.substr(4))) return "https://ror.org/" + std::string(cell.substr(4));
    return "";
  }
  // "…id" columns, and the institution keys and work columns of the labs and researchers-on-both-sides
  // exhibits ("partner_key", "group_a_institution_key": an OpenAlex id, or "name:…" without one; "from_work").
  bool record_column = column.ends_with("id") || column.ends_with("_key") || column.ends_with("_work");
  if (record_column && IsOpenAlexId(cell)) return "https://openalex.org/" + std::string(cell);
  return "";
}

std::string RecordListHtml(std::string_view column, std::string_view cell) {
  if (!column.ends_with("_ids")) return "";
  std::string out;
  bool any = false;
  for (size_t at = 0; at < cell.size();) {
    size_t end = std::min(cell.find(' ', at), cell.size());
    std::string_view token = cell.substr(at, end - at);
    if (IsOpenAlexId(token)) {
      out += "<a href=\"https://openalex.org/" + std::string(token) + "\">" + std::string(token) + "</a>";
      any = true;
    } else {
      out += Escape(token);
    }
    if (end < cell.size()) out += ' ';
    at = end + 1;
  }
  return any ? out : "";
}

namespace {

// "a; b; " -> {"a", "b", ""}: empty items kept, so that two lists line up item by item.
std::vector<std::string_view> SplitItems(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = 0;;) {
    size_t end = text.find("; ", at);
    if (end == std::string_view::npos) {
      out.push_back(text.substr(at));
      return out;
    }
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
}

// A link target the reader may follow: an absolute http(s) URL without spaces, quotes or angle
// brackets (a registry is user input: "javascript:" and the like stay text).
bool IsWebUrl(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>';
  });
}

}  // namespace

std::string SourceLinksHtml(std::string_view sources, std::string_view source_urls) {
  if (sources.empty() || source_urls.empty()) return "";
  std::vector<std::string_view> names = SplitItems(sources), urls = SplitItems(source_urls);
  if (names.size() != urls.size()) return "";
  std::string out;
  bool any = false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += "; ";
    std::vector<std::string_view> links;
    for (size_t at = 0; at < urls[i].size();) {
      size_t end = std::min(urls[i].find(' ', at), urls[i].size());
      if (std::string_view url = urls[i].substr(at, end - at); IsWebUrl(url)) links.push_back(url);
      at = end + 1;
    }
    if (links.empty()) {
      out += Escape(names[i]);
      continue;
    }
    any = true;
    out += fmt::format("<a href=\"{}\">{}</a>", Escape(links[0]), Escape(names[i]));
    for (size_t k = 1; k < links.size(); ++k) out += fmt::format(" <a href=\"{}\">[{}]</a>", Escape(links[k]), k + 1);
  }
  return any ? out : "";
}

std::string PlainValue(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  if (std::fabs(value - std::round(value)) < 1e-9) return fmt::format("{:.0f}", value);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string FormatValue(double value, int decimals) { return WithThousands(PlainValue(value, decimals)); }

std::string IdSafe(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '-';
    out += ok ? c : '-';
  }
  return out;
}

}  // namespace entangle::report
