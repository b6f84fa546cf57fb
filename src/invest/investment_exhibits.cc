// The investment report as exhibit tables (CSV + JSON through the analyze stage's writer).
#include <fmt/format.h>

#include "analyze/format.h"
#include "common/version.h"
#include "invest/invest.h"
#include "select/countries.h"

namespace entangle::invest {
namespace {

using analyze::FormatInt;
using analyze::FormatNumber;
using analyze::FormatPercent;

std::string Euros(double euros) { return fmt::format("{:.0f}", euros); }

std::string DirectionName(const Direction& d) {
  return fmt::format("{} companies, {} investors", d.company_group, d.investor_group);
}

class TableMaker {
 public:
  explicit TableMaker(const InvestmentReport& report) : report_(report) {
    source_ = fmt::format(
        "{}Crunchbase export {} ({} layout, {} rows); ECB euro reference rates {} ({} to {}); "
        "via entangle {}; study {} (sha256 {})",
        report.data.synthetic ? "SYNTHETIC " : "", report.data.files.empty() ? "?" : report.data.files.front(),
        report.data.layout, report.data.rows_read, report.rates_path, report.rates_first_date, report.rates_last_date,
        kVersion, report.study.name, report.study.sha256);
    field_ = report.all_sectors ? std::string("every company (--all-sectors)")
                                : fmt::format("companies with a Crunchbase category among: {}",
                                              fmt::join(report.study.investment->categories, ", "));
  }

  analyze::ExhibitTable Make(std::string id, std::string title, std::string definition,
                             std::vector<std::string> columns) const {
    analyze::ExhibitTable t;
    t.id = std::move(id);
    t.title = std::move(title);
    t.definition = fmt::format(
        "{} Period {}–{} (round announcement date). Field: {}. A deal is a funding round of a "
        "company headquartered in one group in which at least one investor headquartered "
        "in the other group took part.",
        definition, report_.study.year_from, report_.study.year_to, field_);
    t.counting = "each deal (funding round) once; euros of whole rounds";
    t.source = source_;
    t.columns = std::move(columns);
    t.notes = InvestmentCaveats();
    if (report_.data.synthetic) {
      t.title = "SYNTHETIC: " + t.title;
      t.notes.insert(t.notes.begin(),
                     "SYNTHETIC data made by `entangle synth --crunchbase`: not Crunchbase, no real "
                     "company or deal.");
    }
    return t;
  }

  template <typename Key, typename KeyCells>
  void AddBreakdown(analyze::ExhibitTable& t, const Direction& d, const std::map<Key, Tally>& tallies,
                    KeyCells key_cells) const {
    for (const auto& [key, tally] : tallies) {
      std::vector<std::string> row = {DirectionName(d)};
      for (std::string& cell : key_cells(key)) row.push_back(std::move(cell));
      row.push_back(analyze::FormatInt(int64_t(tally.deals)));
      row.push_back(analyze::FormatPercent(double(tally.deals), double(d.total.deals)));
      row.push_back(Euros(tally.euros));
      row.push_back(fmt::format("{:.1f}", tally.euros / 1e6));
      row.push_back(analyze::FormatPercent(tally.euros, d.total.euros));
      row.push_back(analyze::FormatInt(int64_t(tally.deals_without_amount)));
      t.rows.push_back(std::move(row));
    }
  }

 private:
  const InvestmentReport& report_;
  std::string source_, field_;
};

const std::vector<std::string> kTallyColumns = {"deals", "deals_percent", "eur",
                                                "eur_m", "eur_percent",   "deals_without_amount"};

std::vector<std::string> WithTally(std::vector<std::string> columns) {
  columns.insert(columns.end(), kTallyColumns.begin(), kTallyColumns.end());
  return columns;
}

std::string InvestorList(const FundingRound& round, const std::vector<size_t>& which) {
  std::string out;
  for (size_t i : which) {
    const Investor& inv = round.investors[i];
    out += fmt::format("{}{} ({})", out.empty() ? "" : "; ", inv.name, inv.country);
  }
  return out;
}

}  // namespace

std::vector<analyze::ExhibitTable> InvestmentExhibits(const InvestmentReport& report) {
  TableMaker maker(report);
  const Direction* directions[] = {&report.into_a, &report.into_b};
  std::vector<analyze::ExhibitTable> out;

  analyze::ExhibitTable summary = maker.Make(
      "investment_summary", "Investment across the two groups: deals, companies and euros per direction",
      "Per direction: the field's companies of one group with a round in the period, their rounds, and the deals "
      "among those rounds.",
      {"direction", "company_group", "investor_group", "companies_in_field", "rounds_in_field", "deals",
       "deals_percent_of_rounds", "deal_companies", "eur", "deals_without_amount", "rounds_with_unknown_investors",
       "flagged_deals"});
  for (const Direction* d : directions) {
    summary.rows.push_back(
        {DirectionName(*d), d->company_group, d->investor_group, analyze::FormatInt(int64_t(d->companies_in_field)),
         analyze::FormatInt(int64_t(d->rounds_in_field)), analyze::FormatInt(int64_t(d->total.deals)),
         analyze::FormatPercent(double(d->total.deals), double(d->rounds_in_field)),
         analyze::FormatInt(int64_t(d->deal_companies)), Euros(d->total.euros),
         analyze::FormatInt(int64_t(d->total.deals_without_amount)),
         analyze::FormatInt(int64_t(d->rounds_with_unknown_investors)), analyze::FormatInt(int64_t(d->flagged_deals))});
  }
  summary.notes.push_back(fmt::format(
      "Rounds not counted: {} outside the period, {} after an IPO, {} of companies outside the field, {} of "
      "companies in neither group; {} input problems (table investment_skipped).",
      report.rounds_outside_period, report.rounds_after_ipo, report.rounds_outside_field, report.rounds_outside_groups,
      report.problems.size()));
  summary.notes.push_back(
      "rounds_with_unknown_investors: rounds in the base naming an investor whose headquarters the export does "
      "not give; some of them may be deals that cannot be seen.");
  out.push_back(std::move(summary));

  analyze::ExhibitTable by_year = maker.Make("investment_by_year", "Deals and euros per year",
                                             "Per direction and year.", WithTally({"direction", "year"}));
  analyze::ExhibitTable by_type = maker.Make("investment_by_round_type", "Deals and euros per round type",
                                             "Per direction and Crunchbase round type (venture rounds by series).",
                                             WithTally({"direction", "round_type"}));
  analyze::ExhibitTable by_country = maker.Make("investment_by_company_country", "Deals and euros per company country",
                                                "Per direction and the company's headquarters country.",
                                                WithTally({"direction", "company_country", "company_country_name"}));
  analyze::ExhibitTable by_category =
      maker.Make("investment_by_category", "Deals and euros per company category",
                 "Per direction and the company's Crunchbase categories in the field; a company with several counts in "
                 "each, so the rows add up to more than the total.",
                 WithTally({"direction", "category"}));
  for (const Direction* d : directions) {
    maker.AddBreakdown(by_year, *d, d->by_year,
                       [](int year) { return std::vector<std::string>{std::to_string(year)}; });
    maker.AddBreakdown(by_type, *d, d->by_round_type, [](const std::string& t) { return std::vector<std::string>{t}; });
    maker.AddBreakdown(by_country, *d, d->by_company_country, [](const std::string& c) {
      return std::vector<std::string>{c, std::string(select::CountryName(c))};
    });
    maker.AddBreakdown(by_category, *d, d->by_category,
                       [](const std::string& c) { return std::vector<std::string>{c}; });
  }
  for (analyze::ExhibitTable* t : {&by_year, &by_type, &by_country, &by_category}) out.push_back(std::move(*t));

  analyze::ExhibitTable deals = maker.Make(
      "investment_deals", "Every deal, with its evidence",
      "One row per deal: the round, its amount in euros, and the investors from the other group that make it a "
      "deal, with their headquarters countries as the export gives them.",
      {"direction", "date", "company", "company_country", "round_type", "amount", "currency", "amount_usd", "eur",
       "eur_rate", "eur_rate_date", "categories", "cross_group_investors", "investors", "investors_without_hq",
       "risk_flags", "round_id", "source_row"});
  for (const Direction* d : directions) {
    for (const Deal& deal : d->deals) {
      const FundingRound& r = report.data.rounds[deal.round];
      deals.rows.push_back(
          {DirectionName(*d), r.date, r.company, r.company_country, r.round_type,
           r.amount ? analyze::FormatNumber(*r.amount) : "", r.currency,
           r.amount_usd ? analyze::FormatNumber(*r.amount_usd) : "", deal.euros ? Euros(deal.euros->euros) : "",
           deal.euros ? analyze::FormatNumber(deal.euros->rate) : "", deal.euros ? deal.euros->rate_date : "",
           fmt::format("{}", fmt::join(deal.matched_categories, "|")), InvestorList(r, deal.cross_investors),
           analyze::FormatInt(int64_t(r.investors.size() + r.investments_without_investor)),
           analyze::FormatInt(int64_t(r.investments_without_investor)), analyze::FormatInt(int64_t(deal.flags.size())),
           r.id, r.where});
    }
  }
  out.push_back(std::move(deals));

  analyze::ExhibitTable flagged = maker.Make(
      "investment_flagged", "Deals whose company or cross-group investor is in the risk registry",
      "One row per registry entity that names a deal's company or one of its cross-group investors; an entity "
      "that several sources list is one row with its sources side by side (entry_keys, kinds, categories, sources, "
      "listing status, routes and matched texts per entry). Crunchbase gives names only, so matches are exact "
      "normalised names or full aliases within the party's country (never substrings or acronyms). source_urls: "
      "each entry's page in its list, in the order of sources.",
      {"direction",     "date",         "company",       "company_country",
       "round_type",    "eur",          "party",         "party_name",
       "party_country", "entity_key",   "entity",        "entry_keys",
       "kinds",         "categories",   "sources",       "listing_status_in_round_year",
       "routes",        "matched_text", "registry_text", "round_id",
       "source_row",    "source_urls"});
  for (const Direction* d : directions) {
    for (const Deal& deal : d->deals) {
      const FundingRound& r = report.data.rounds[deal.round];
      for (const DealFlag& f : deal.flags) {
        auto per_source = [&](auto field) {
          std::vector<std::string> values;
          for (const DealFlagSource& source : f.sources) values.push_back(field(source));
          return fmt::format("{}", fmt::join(values, "; "));
        };
        flagged.rows.push_back(
            {DirectionName(*d),
             r.date,
             r.company,
             r.company_country,
             r.round_type,
             deal.euros ? Euros(deal.euros->euros) : "",
             f.party,
             f.party_name,
             f.party_country,
             f.entity_key,
             f.entity_name,
             per_source([](const DealFlagSource& s) { return s.entry_key; }),
             per_source([](const DealFlagSource& s) { return s.kind; }),
             per_source([](const DealFlagSource& s) { return s.category; }),
             per_source([](const DealFlagSource& s) { return s.source + " (" + s.source_date + ")"; }),
             per_source([](const DealFlagSource& s) { return s.entry_key + ": " + s.listing_status; }),
             per_source([](const DealFlagSource& s) { return s.route; }),
             per_source([](const DealFlagSource& s) { return s.matched_text; }),
             per_source([](const DealFlagSource& s) { return s.registry_text; }),
             r.id,
             r.where,
             per_source([](const DealFlagSource& s) { return s.source_url; })});
      }
    }
  }
  flagged.notes.push_back(
      fmt::format("Registry: {} ({} entries). No row here does not mean no risk: only listed "
                  "names can match.",
                  fmt::join(report.registry_files, ", "), report.registry_entries));
  out.push_back(std::move(flagged));

  analyze::ExhibitTable skipped =
      maker.Make("investment_skipped", "Input rows and values that could not be used",
                 "Every problem met in the inputs, with its place.", {"reason", "where", "id", "message"});
  for (const Problem& p : report.problems) skipped.rows.push_back({p.reason, p.where, p.id, p.message});
  out.push_back(std::move(skipped));
  return out;
}

Result<std::vector<analyze::ExhibitTable>> WriteInvestmentOutputs(const InvestmentReport& report,
                                                                  const std::string& out_dir,
                                                                  const std::string& database_path) {
  std::vector<analyze::ExhibitTable> tables = InvestmentExhibits(report);
  ENTANGLE_RETURN_IF_ERROR(analyze::WriteExhibitFiles(out_dir, tables));
  if (!database_path.empty()) {  // the database's errors name it
    ENTANGLE_RETURN_IF_ERROR(analyze::StoreExhibits(database_path, tables, analyze::ExhibitFamily::kInvestment));
  }
  return tables;
}

}  // namespace entangle::invest
