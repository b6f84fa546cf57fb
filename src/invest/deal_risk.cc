// Risk flags on deals: the company and each cross-group investor looked up in the risk registry.
// Crunchbase gives names only, so the matcher's name routes apply: exact normalised names and full
// aliases within the party's country, never substrings or acronyms (docs/risk.md). An entity that
// several sources list (risk.h RegistryEntities) is one flag with several sources.
#include "invest/deal_risk.h"

#include <algorithm>

#include "invest/invest.h"

namespace entangle::invest {
namespace {

void AddFlags(const risk::RegistryMatcher& matcher, const risk::RegistryEntities& entities, const std::string& party,
              const std::string& name, const std::string& country, int year, std::vector<DealFlag>& flags) {
  if (name.empty()) return;
  risk::InstitutionFacts facts;
  facts.display_name = name;
  facts.country_code = country;
  const size_t first_flag = flags.size();
  for (const risk::RiskMatch& m : matcher.Match(facts)) {
    const risk::RegistryEntry& e = *m.entry;
    const risk::RegistryEntity* entity = entities.Of(e);
    std::string entity_key = entity ? entity->key : e.key;
    auto flag = std::find_if(flags.begin() + first_flag, flags.end(),
                             [&](const DealFlag& f) { return f.entity_key == entity_key; });
    if (flag == flags.end()) {
      DealFlag added{party, name, country, entity_key, "", {}};
      if (entity) added.entity_name = entity->name_en.empty() ? entity->name_zh : entity->name_en;
      if (added.entity_name.empty()) added.entity_name = e.name_en.empty() ? e.name_zh : e.name_en;
      flags.push_back(std::move(added));
      flag = flags.end() - 1;
    }
    flag->sources.push_back({e.key, e.name_en.empty() ? e.name_zh : e.name_en, e.kind, e.category, e.source,
                             e.source_date, std::string(risk::ListingStatusName(risk::ListingStatusIn(e, year))),
                             m.route, m.matched_text, m.registry_text, e.source_url});
  }
}

}  // namespace

Status FlagDeals(InvestmentReport& report, const std::vector<std::string>& registry_paths) {
  auto registry = risk::LoadRegistryOrDefault(registry_paths, &report.registry_files);
  if (!registry.ok()) return registry.status();
  auto matcher = risk::RegistryMatcher::Create(*registry);
  if (!matcher.ok()) return matcher.status();
  report.registry_entries = matcher->entry_count();
  const risk::RegistryEntities entities(*registry);
  for (Direction* direction : {&report.into_a, &report.into_b}) {
    for (Deal& deal : direction->deals) {
      const FundingRound& round = report.data.rounds[deal.round];
      AddFlags(*matcher, entities, "company", round.company, round.company_country, round.year, deal.flags);
      for (size_t i : deal.cross_investors) {
        const Investor& investor = round.investors[i];
        AddFlags(*matcher, entities, "investor", investor.name, investor.country, round.year, deal.flags);
      }
      if (!deal.flags.empty()) ++direction->flagged_deals;
    }
  }
  return Status::OK();
}

}  // namespace entangle::invest
