// Risk flags on deals: the company and each cross-group investor looked up in the risk registry.
// Crunchbase gives names only, so the matcher's name routes apply: exact normalised names and full
// aliases within the party's country, never substrings or acronyms (docs/risk.md).
#include "invest/deal_risk.h"

#include "invest/invest.h"

namespace entangle::invest {
namespace {

void AddFlags(const RegistryMatcher& matcher, const std::string& party, const std::string& name,
              const std::string& country, int year, std::vector<DealFlag>& flags) {
  if (name.empty()) return;
  InstitutionFacts facts;
  facts.display_name = name;
  facts.country_code = country;
  for (const RiskMatch& m : matcher.Match(facts)) {
    const RegistryEntry& e = *m.entry;
    flags.push_back({party, name, country, e.key, e.name_en.empty() ? e.name_zh : e.name_en, e.kind, e.category,
                     e.source, e.source_date, std::string(ListingStatusName(ListingStatusIn(e, year))), m.route,
                     m.matched_text, m.registry_text});
  }
}

}  // namespace

Status FlagDeals(InvestmentReport& report, const std::vector<std::string>& registry_paths) {
  auto registry = LoadRegistryOrDefault(registry_paths, &report.registry_files);
  if (!registry.ok()) return registry.status();
  auto matcher = RegistryMatcher::Create(*registry);
  if (!matcher.ok()) return matcher.status();
  report.registry_entries = matcher->entry_count();
  for (Direction* direction : {&report.into_a, &report.into_b}) {
    for (Deal& deal : direction->deals) {
      const FundingRound& round = report.data.rounds[deal.round];
      AddFlags(*matcher, "company", round.company, round.company_country, round.year, deal.flags);
      for (size_t i : deal.cross_investors) {
        const Investor& investor = round.investors[i];
        AddFlags(*matcher, "investor", investor.name, investor.country, round.year, deal.flags);
      }
      if (!deal.flags.empty()) ++direction->flagged_deals;
    }
  }
  return Status::OK();
}

}  // namespace entangle::invest
