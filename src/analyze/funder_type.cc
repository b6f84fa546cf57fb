#include "analyze/funder_type.h"

#include <algorithm>
#include <cctype>

#include "common/ascii.h"

namespace entangle::analyze {
namespace {

// Words separated by anything that is not an ASCII letter or digit (bytes >= 0x80, e.g. the
// letters of "universität", stay inside words); joined by single spaces with spaces around, so
// that " phrase " finds whole words only.
std::string WordText(std::string_view name) {
  std::string out = " ";
  for (char c : AsciiLower(name)) {
    bool word_char = std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 || c == '&';
    if (word_char) {
      out += c;
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

}  // namespace

const std::vector<FunderKeywords>& FunderKeywordFamilies() {
  static const std::vector<FunderKeywords> families = {
      {"company",
       {"ltd", "limited", "inc", "incorporated", "corporation", "corp", "company", "gmbh", "plc", "llc", "ag",
        "co ltd"}},
      {"government",
       {"national", "ministry", "government", "federal", "state", "provincial", "province", "municipal",
        "municipality", "council", "commission", "agency", "department", "bureau", "administration",
        "central universities", "european union", "horizon 2020", "bundesministerium", "ministerio", "ministère",
        "ministero", "deutsche forschungsgemeinschaft", "key r&d"}},
      {"education",
       {"university", "universities", "universität", "universitat", "université", "universite", "universidad",
        "università", "universiteit", "universitet", "college", "school", "polytechnic", "hochschule"}},
  };
  return families;
}

std::string FunderType(const std::string& ror, const std::string& name,
                       const std::unordered_map<std::string, std::string>& institution_type_by_ror) {
  if (!ror.empty()) {
    auto found = institution_type_by_ror.find(ror);
    if (found != institution_type_by_ror.end() &&
        (found->second == "government" || found->second == "education" || found->second == "company")) {
      return found->second;
    }
  }
  std::string words = WordText(name);
  for (const FunderKeywords& family : FunderKeywordFamilies()) {
    for (std::string_view word : family.words) {
      if (words.find(WordText(word)) != std::string::npos) return std::string(family.type);
    }
  }
  return "other";
}

}  // namespace entangle::analyze
