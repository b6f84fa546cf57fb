#include "risk/name_normalize.h"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

#include "select/countries.h"

namespace entangle::risk {
namespace {

bool IsHan(utf8proc_int32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3134F);
}

bool IsApostrophe(utf8proc_int32_t cp) {
  return cp == 0x27 || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0x60 || cp == 0xB4;
}

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsMark(utf8proc_int32_t cp) {
  auto c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

// Decodes valid UTF-8 into code points; false on a bad sequence.
bool Decode(std::string_view text, std::u32string& out) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return false;
    out.push_back(static_cast<char32_t>(cp));
    p += n;
    left -= n;
  }
  return true;
}

void Append(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buffer[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                         static_cast<utf8proc_ssize_t>(name.size()), &mapped,
                                         static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
  if (length < 0) return "";
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  std::u32string cps;
  if (!Decode(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(length)), cps)) return "";

  // Tokens of letters, digits and marks, separated by single spaces; a space is only kept
  // between two non-Han characters, since Chinese names have no word breaks.
  std::u32string folded;
  bool pending_space = false;
  auto emit = [&](char32_t c) {
    if (pending_space && !folded.empty() && !IsHan(static_cast<utf8proc_int32_t>(folded.back())) &&
        !IsHan(static_cast<utf8proc_int32_t>(c))) {
      folded.push_back(U' ');
    }
    pending_space = false;
    folded.push_back(c);
  };
  for (char32_t c : cps) {
    auto cp = static_cast<utf8proc_int32_t>(c);
    if (IsApostrophe(cp)) continue;
    if (cp == '&') {  // "Science & Technology" = "Science and Technology"; "R&D" = "R and D"
      pending_space = true;
      for (char32_t a : std::u32string_view(U"and")) emit(a);
      pending_space = true;
    } else if (IsLetterOrDigit(cp) || (IsMark(cp) && !folded.empty() && !pending_space)) {
      emit(c);
    } else {
      pending_space = true;
    }
  }
  std::string out;
  for (char32_t c : folded) Append(out, static_cast<utf8proc_int32_t>(c));
  return out;
}

bool IsAbbreviation(std::string_view raw) {
  std::string_view name = Trim(raw);
  std::u32string cps;
  if (!Decode(name, cps)) return true;  // unreadable: never matched
  size_t han = 0, letters = 0, lower = 0, upper = 0, other_word = 0;
  bool space = false;
  for (char32_t c : cps) {
    auto cp = static_cast<utf8proc_int32_t>(c);
    if (IsHan(cp)) {
      ++han;
    } else if (cp == ' ' || cp == '\t' || cp == 0x3000) {
      space = true;
    } else if (IsLetterOrDigit(cp)) {
      ++other_word;
      auto cat = utf8proc_category(cp);
      if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
          cat == UTF8PROC_CATEGORY_LO) {
        ++letters;
      }
      if (cat == UTF8PROC_CATEGORY_LL) ++lower;
      if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) ++upper;
    }
  }
  if (han > 0) return other_word == 0 && han <= 4;  // "北航", "国防科大"; mixed forms are names
  if (letters == 0) return true;
  if (!space && lower == 0) return true;               // "NUST", "A/SEU", "CETC"
  return !space && other_word <= 6 && upper >= 2;      // "NJTech", "HKUST"
}

bool ContainsHan(std::string_view text) {
  std::u32string cps;
  if (!Decode(text, cps)) return false;
  for (char32_t c : cps) {
    if (IsHan(static_cast<utf8proc_int32_t>(c))) return true;
  }
  return false;
}

std::string StripCountryQualifier(std::string_view raw, std::string_view country_code) {
  std::string_view name = Trim(raw);
  std::string_view country = select::CountryName(country_code);
  if (country.empty() || name.size() < country.size() + 3 || name.back() != ')') return std::string(name);
  size_t open = name.rfind('(');
  if (open == std::string_view::npos) return std::string(name);
  std::string_view inside = Trim(name.substr(open + 1, name.size() - open - 2));
  if (NormalizeName(inside) != NormalizeName(country)) return std::string(name);
  return std::string(Trim(name.substr(0, open)));
}

std::string StripTrailingAnnotation(std::string_view raw) {
  std::string_view name = Trim(raw);
  if (name.empty() || name.back() != ')') return "";
  size_t open = name.rfind('(');
  if (open == std::string_view::npos || open == 0) return "";
  std::string_view inside = Trim(name.substr(open + 1, name.size() - open - 2));
  std::string_view before = Trim(name.substr(0, open));
  if (inside.empty() || before.empty() || NormalizeName(before).empty()) return "";
  if (!ContainsHan(inside) && !IsAbbreviation(inside)) return "";
  return std::string(before);
}

std::string Slug(std::string_view name) {
  std::string slug = NormalizeName(name);
  for (char& c : slug) {
    if (c == ' ') c = '-';
  }
  return slug;
}

}  // namespace entangle::risk
