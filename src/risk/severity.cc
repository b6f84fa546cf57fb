// The severity order of ties: one table, used wherever ties or partners are ranked.
#include <array>
#include <string_view>

#include "risk/risk.h"

namespace entangle::risk {
namespace {

struct CategorySeverity {
  std::string_view category;
  TieSeverity severity;
};

// Assessment categories (data/registry/README.md) by what the listed institution is.
constexpr std::array<CategorySeverity, 8> kCategories = {{
    {"pla", TieSeverity::kMilitarySecurity},
    {"pap", TieSeverity::kMilitarySecurity},
    {"mps", TieSeverity::kMilitarySecurity},
    {"mss", TieSeverity::kMilitarySecurity},
    {"security", TieSeverity::kMilitarySecurity},
    {"seven_sons", TieSeverity::kSevenSons},
    {"defence_industry", TieSeverity::kDefenceIndustry},
    {"defence_linked", TieSeverity::kDefenceLinked},
}};

}  // namespace

TieSeverity SeverityOf(std::string_view kind, std::string_view category, std::string_view delisted_on) {
  if (kind == "designation") return delisted_on.empty() ? TieSeverity::kDesignation : TieSeverity::kOther;
  for (const CategorySeverity& c : kCategories) {
    if (c.category == category) return c.severity;
  }
  return TieSeverity::kOther;
}

std::string_view SeverityName(TieSeverity severity) {
  switch (severity) {
    case TieSeverity::kDesignation: return "designation";
    case TieSeverity::kMilitarySecurity: return "military_security";
    case TieSeverity::kSevenSons: return "seven_sons";
    case TieSeverity::kDefenceIndustry: return "defence_industry";
    case TieSeverity::kDefenceLinked: return "defence_linked";
    case TieSeverity::kOther: break;
  }
  return "other";
}

std::string_view SeverityLabel(TieSeverity severity) {
  switch (severity) {
    case TieSeverity::kDesignation: return "government designation";
    case TieSeverity::kMilitarySecurity: return "military or security organ";
    case TieSeverity::kSevenSons: return "Seven Sons of National Defence";
    case TieSeverity::kDefenceIndustry: return "defence industry";
    case TieSeverity::kDefenceLinked: return "defence-linked civilian";
    case TieSeverity::kOther: break;
  }
  return "other";
}

}  // namespace entangle::risk
