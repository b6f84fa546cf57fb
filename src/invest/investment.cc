// Which funding rounds tie the two groups together, and what they add up to.
#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include "common/ascii.h"
#include "invest/deal_risk.h"
#include "invest/invest.h"

namespace entangle::invest {
namespace {

void Add(Tally& tally, const Deal& deal) {
  ++tally.deals;
  if (deal.euros) {
    tally.euros += deal.euros->euros;
  } else {
    ++tally.deals_without_amount;
  }
}

class DirectionBuilder {
 public:
  DirectionBuilder(Direction& direction, const std::set<std::string>& investor_countries)
      : direction_(direction), investor_countries_(investor_countries) {}

  // Counts the round into the base and returns the indices of its investors from the other group.
  std::vector<size_t> Consider(const FundingRound& round) {
    ++direction_.rounds_in_field;
    companies_.insert(round.company + '\x1f' + round.company_country);
    bool unknown = round.investments_without_investor > 0;
    std::vector<size_t> cross;
    for (size_t i = 0; i < round.investors.size(); ++i) {
      const std::string& country = round.investors[i].country;
      if (country.empty()) unknown = true;
      if (investor_countries_.count(country)) cross.push_back(i);
    }
    if (unknown) ++direction_.rounds_with_unknown_investors;
    return cross;
  }

  void AddDeal(Deal deal, const FundingRound& round) {
    deal_companies_.insert(round.company + '\x1f' + round.company_country);
    Add(direction_.total, deal);
    Add(direction_.by_year[round.year], deal);
    Add(direction_.by_round_type[round.round_type.empty() ? "unknown" : round.round_type], deal);
    Add(direction_.by_company_country[round.company_country], deal);
    for (const std::string& category : deal.matched_categories) Add(direction_.by_category[category], deal);
    direction_.deals.push_back(std::move(deal));
  }

  void Finish() {
    direction_.companies_in_field = companies_.size();
    direction_.deal_companies = deal_companies_.size();
  }

 private:
  Direction& direction_;
  const std::set<std::string>& investor_countries_;
  std::unordered_set<std::string> companies_, deal_companies_;
};

}  // namespace

const std::vector<std::string>& InvestmentCaveats() {
  static const std::vector<std::string> kCaveats = {
      "Amounts are whole funding rounds: most rounds have several investors and their shares are not "
      "disclosed, so a deal's amount is not what the other group's investors put in.",
      "An investor's origin is its registered headquarters: money routed through vehicles headquartered "
      "in third countries is not seen, so cross-group investment is undercounted.",
      "Public companies are left out (rounds after an IPO are not counted): for them it cannot be told "
      "which part of the business the money went to.",
      "Euros at the ECB reference rate of the round's date (or the last quote up to 7 days before).",
  };
  return kCaveats;
}

Result<InvestmentReport> AnalyzeInvestment(const InvestmentOptions& options) {
  InvestmentReport report;
  if (options.study) {
    report.study = *options.study;
  } else {
    auto study = select::LoadStudyDefinition(options.study_path);
    if (!study.ok()) return study.status();
    report.study = std::move(study).value();
  }
  if (!report.study.investment && !options.all_sectors) {
    return Status::InvalidArgument(
        fmt::format("{}: no [investment] section listing the Crunchbase categories of the field; add one (see "
                    "docs/investment.md) or pass --all-sectors to count every company",
                    options.study_path));
  }
  report.all_sectors = options.all_sectors;
  if (options.year_from || options.year_to) {
    if (options.year_from > options.year_to) {
      return Status::InvalidArgument(
          fmt::format("years {}–{}: the first is after the last", options.year_from, options.year_to));
    }
    report.study.year_from = options.year_from;
    report.study.year_to = options.year_to;
  }
  auto rates = EuroRates::Load(options.rates_path);
  if (!rates.ok()) return rates.status();
  report.rates_path = rates->path();
  report.rates_first_date = rates->first_date();
  report.rates_last_date = rates->last_date();
  auto data = ReadCrunchbase(options.input);
  if (!data.ok()) return data.status();
  report.data = std::move(data).value();
  report.problems = report.data.problems;

  std::set<std::string> field_categories;
  if (report.study.investment) {
    for (const std::string& c : report.study.investment->categories) field_categories.insert(AsciiLower(c));
  }
  const std::set<std::string> group_a(report.study.group_a.countries.begin(), report.study.group_a.countries.end());
  const std::set<std::string> group_b(report.study.group_b.countries.begin(), report.study.group_b.countries.end());
  report.into_a.company_group = report.study.group_a.name;
  report.into_a.investor_group = report.study.group_b.name;
  report.into_b.company_group = report.study.group_b.name;
  report.into_b.investor_group = report.study.group_a.name;
  DirectionBuilder into_a(report.into_a, group_b);
  DirectionBuilder into_b(report.into_b, group_a);

  for (size_t r = 0; r < report.data.rounds.size(); ++r) {
    const FundingRound& round = report.data.rounds[r];
    if (round.year < report.study.year_from || round.year > report.study.year_to) {
      ++report.rounds_outside_period;
      continue;
    }
    if (round.round_type.rfind("post_ipo", 0) == 0) {
      ++report.rounds_after_ipo;
      continue;
    }
    std::vector<std::string> matched;
    for (const std::string& category : round.categories) {
      if (options.all_sectors || field_categories.count(AsciiLower(category))) matched.push_back(category);
    }
    if (!options.all_sectors && matched.empty()) {
      ++report.rounds_outside_field;
      continue;
    }
    const bool in_a = group_a.count(round.company_country) > 0;
    const bool in_b = group_b.count(round.company_country) > 0;
    if (!in_a && !in_b) ++report.rounds_outside_groups;
    for (auto [in_group, builder] : {std::pair{in_a, &into_a}, std::pair{in_b, &into_b}}) {
      if (!in_group) continue;
      std::vector<size_t> cross = builder->Consider(round);
      if (cross.empty()) continue;
      Deal deal;
      deal.round = r;
      deal.cross_investors = std::move(cross);
      deal.matched_categories = matched;
      if (round.amount) {
        deal.euros = rates->ToEuros(*round.amount, round.currency, round.date);
        if (!deal.euros) {
          report.problems.push_back(
              {"no_rate", round.where, round.id,
               fmt::format("no ECB rate for {} on {} or in the 7 days before ({} has {} to {}): the deal counts "
                           "without an amount",
                           round.currency, round.date, report.rates_path, report.rates_first_date,
                           report.rates_last_date)});
        }
      }
      builder->AddDeal(std::move(deal), round);
    }
  }
  into_a.Finish();
  into_b.Finish();
  for (Direction* d : {&report.into_a, &report.into_b}) {
    std::stable_sort(d->deals.begin(), d->deals.end(), [&](const Deal& x, const Deal& y) {
      const FundingRound& a = report.data.rounds[x.round];
      const FundingRound& b = report.data.rounds[y.round];
      return std::tie(a.date, a.company) < std::tie(b.date, b.company);
    });
  }
  ENTANGLE_RETURN_IF_ERROR(FlagDeals(report, options.registry_paths));
  if (options.strict && !report.problems.empty()) {
    const Problem& p = report.problems.front();
    return Status::Aborted(fmt::format("--strict: {} problem(s) in the inputs; the first: {} at {}: {}",
                                       report.problems.size(), p.reason, p.where, p.message));
  }
  return report;
}

}  // namespace entangle::invest
