#pragma once
// Name normalisation for exact matching of institution names. Two names match only when their
// normal forms are equal: NFKC, Unicode case folding, apostrophes removed ("Xi’an" = "Xi'an" =
// "Xian"), "&" read as "and", every other punctuation or symbol run folded into one space, and
// no spaces next to Chinese characters. There is no stemming, no stop-word removal and no
// similarity threshold: this is the whole of what "same name" means.
#include <string>
#include <string_view>

namespace entangle::risk {

// The normal form; "" for invalid UTF-8 or a name with no letters or digits.
std::string NormalizeName(std::string_view name);

// Whether a name is an abbreviation that must never be matched on its own: an acronym (no
// lowercase letter and no space, e.g. "NUST", "A/SEU"; or one Latin word of at most six
// letters with two capitals, e.g. "NJTech") or a short Chinese form of at most four Han characters
// ("北航", "国防科大"). Acronyms are shared by unrelated institutions across countries.
bool IsAbbreviation(std::string_view name);

// Whether the text has a Chinese (Han) character.
bool ContainsHan(std::string_view text);

// "Baidu (China)" -> "Baidu" when the parenthesis names the institution's own country (OpenAlex
// appends it to company names); otherwise the name unchanged.
std::string StripCountryQualifier(std::string_view name, std::string_view country_code);

// "China Academy of Space Technology (CAST)" -> "China Academy of Space Technology": a trailing
// parenthesis holding an abbreviation or a Chinese name; otherwise "".
std::string StripTrailingAnnotation(std::string_view name);

// A short stable identifier from a name: its normal form with spaces as '-'.
std::string Slug(std::string_view name);

}  // namespace entangle::risk
