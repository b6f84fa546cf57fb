#pragma once
// Internal: the type of a funder (government, education, company, other), which OpenAlex's
// funder entities do not carry. Rule, in order:
//  1. an institution entity with the funder's ROR id whose type is government, education or
//     company gives that type (other institution types, such as "funder" or "nonprofit", do not
//     decide: NSFC-like funders are often typed "funder");
//  2. else the first keyword family with a whole word (or phrase) in the funder's name, matched
//     case-insensitively: company, then government, then education (kFunderKeywords);
//  3. else "other".
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace entangle::analyze {

struct FunderKeywords {
  std::string_view type;
  std::vector<std::string_view> words;  // lower-case words or phrases of words
};

// The keyword families in the order they are tried (documented in docs/exhibits.md).
const std::vector<FunderKeywords>& FunderKeywordFamilies();

// institution_type_by_ror: ROR id -> institution type, from the institution entities.
std::string FunderType(const std::string& ror, const std::string& name,
                       const std::unordered_map<std::string, std::string>& institution_type_by_ror);

}  // namespace entangle::analyze
