#pragma once
// Investment between the study's two groups (STUDY.md, "Investment"): funding rounds of companies
// in one group in which an investor headquartered in the other group took part. Read from a
// Crunchbase export, converted to euros at the ECB's reference rate of the round's date, and
// summed per direction with the study's caveats attached. See docs/investment.md.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "analyze/analyze.h"
#include "risk/risk.h"
#include "select/study_definition.h"

namespace entangle::invest {

// ---- Source: a Crunchbase export ---------------------------------------------------------------

struct Investor {
  std::string name;
  std::string country;      // ISO alpha-2; "" when the export gives none or an unknown code
  std::string country_raw;  // as the export writes it ("DEU", "ROM", "")
};

struct FundingRound {
  std::string id;  // funding_round_uuid, or "company|date|amount" for flat exports
  std::string company;
  std::string company_country;  // ISO alpha-2; "" when unknown
  std::string company_country_raw;
  std::vector<std::string> categories;  // Crunchbase categories (or the one market of flat exports)
  std::string round_type;               // "seed", "angel", "series_a", "private_equity", "" unknown
  std::string date;                     // YYYY-MM-DD
  int year = 0;
  std::optional<double> amount;  // as raised, in `currency`
  std::string currency;          // ISO 4217; "USD" when only raised_amount_usd is given
  std::optional<double> amount_usd;
  std::vector<Investor> investors;
  size_t investments_without_investor = 0;  // rows naming an investor the export does not describe
  std::string where;                        // "file:line" of the round's first row
};

// A row the reader could not use, or a value it could not read: counted and located.
struct Problem {
  std::string reason;  // stable key: "malformed_row", "unknown_country", "bad_date", ...
  std::string where;   // "file:line"
  std::string id;      // round or investor id, when known
  std::string message;
};

struct CrunchbaseExport {
  std::string layout;      // "bulk" (funding_rounds + investments + investors) or "flat" (one row per investment)
  bool synthetic = false;  // a SYNTHETIC.txt beside the files: made by `entangle synth --crunchbase`
  std::vector<std::string> files;  // the files read
  size_t rows_read = 0;
  std::vector<FundingRound> rounds;
  std::vector<Problem> problems;
};

// `path` is a folder holding funding_rounds.csv, investments.csv and investors.csv (the 2016 bulk
// export; ipos.csv and category_groups.csv are not needed), or one CSV with one row per investment
// (company_*, investor_*, funded_at, raised_amount_usd: the 2013-style export). Rows that cannot
// be used are left out and listed in `problems`; a missing or unreadable file is an error.
Result<CrunchbaseExport> ReadCrunchbase(const std::string& path);

// ---- Exchange rates --------------------------------------------------------------------------------

// The ECB's euro reference rates (eurofxref-hist.csv: Date, then one column per currency, units
// per euro, "N/A" when not quoted).
class EuroRates {
 public:
  static Result<EuroRates> Load(const std::string& path);

  struct Conversion {
    double euros = 0;
    double rate = 0;        // units of the currency per euro
    std::string rate_date;  // the quote used: the round's date, or the last quote before it
  };
  // Uses the last quote on or before `date` within 7 days (weekends, holidays); nullopt when the
  // currency is not quoted then. EUR converts at 1.
  std::optional<Conversion> ToEuros(double amount, const std::string& currency, const std::string& date) const;

  const std::string& path() const { return path_; }
  const std::string& first_date() const { return first_date_; }
  const std::string& last_date() const { return last_date_; }

 private:
  std::string path_, first_date_, last_date_;
  std::vector<std::string> dates_;                          // ascending, YYYY-MM-DD
  std::map<std::string, std::vector<double>> by_currency_;  // per date; NaN when not quoted
};

// ---- Analysis --------------------------------------------------------------------------------

struct InvestmentOptions {
  std::string input;       // Crunchbase export (see ReadCrunchbase)
  std::string rates_path;  // ECB eurofxref-hist.csv
  std::string study_path;
  // The definition itself, when the caller has it already (the one a study database records);
  // then study_path is only its name in messages.
  std::optional<select::StudyDefinition> study;
  bool all_sectors = false;                 // every company counts, whatever its categories
  int year_from = 0, year_to = 0;           // the period; 0: the study's scope.years
  bool strict = false;                      // a problem in the inputs is an error
  std::vector<std::string> registry_paths;  // risk registry files; empty: every file of DefaultRegistryDir()
};

// One registry entry that names a flagged party: a source of the flag, with its own evidence.
struct DealFlagSource {
  std::string entry_key, entry_name, kind, category, source, source_date;
  std::string listing_status;  // of a designation in the round's year ("listed", "not_yet_listed", ...)
  std::string route, matched_text, registry_text;  // how it matched: exact normalised name or alias
  std::string source_url;                          // the entry's page in its list: the evidence
};

// A deal's company or cross-group investor found in the risk registry: one flag per registry
// entity (risk.h RegistryEntities), however many sources list it, each source with its evidence.
struct DealFlag {
  std::string party;  // "company" or "investor"
  std::string party_name, party_country;
  std::string entity_key, entity_name;
  std::vector<DealFlagSource> sources;  // in the matcher's order: the strongest route first
};

// A round of a company in one group with at least one investor headquartered in the other.
struct Deal {
  size_t round = 0;                             // index into CrunchbaseExport::rounds
  std::vector<size_t> cross_investors;          // indices into the round's investors from the other group: the evidence
  std::vector<std::string> matched_categories;  // the study categories the company carries
  std::optional<EuroRates::Conversion> euros;   // of the whole round (shares are not disclosed)
  std::vector<DealFlag> flags;                  // registry matches of the company and cross-group investors
};

struct Tally {
  size_t deals = 0;
  double euros = 0;  // rounds without an amount add nothing
  size_t deals_without_amount = 0;
};

// One direction: companies of `company_group` funded with investors from `investor_group`.
struct Direction {
  std::string company_group, investor_group;  // group names, "Europe" / "China"
  size_t companies_in_field = 0;              // companies of that group with a round in the period (the base)
  size_t rounds_in_field = 0;                 // their rounds in the period
  size_t rounds_with_unknown_investors = 0;   // of those, rounds naming an investor with no known HQ
  std::vector<Deal> deals;
  size_t deal_companies = 0;
  size_t flagged_deals = 0;  // deals with at least one DealFlag
  Tally total;
  std::map<int, Tally> by_year;
  std::map<std::string, Tally> by_round_type, by_company_country, by_category;
};

struct InvestmentReport {
  select::StudyDefinition study;
  CrunchbaseExport data;
  std::string rates_path, rates_first_date, rates_last_date;
  bool all_sectors = false;
  size_t rounds_outside_period = 0, rounds_after_ipo = 0, rounds_outside_field = 0, rounds_outside_groups = 0;
  std::vector<Problem> problems;  // the reader's, then the analysis's (e.g. no rate for a currency)
  std::vector<std::string> registry_files;
  size_t registry_entries = 0;
  Direction into_a, into_b;  // A's companies with B's investors; B's companies with A's investors
};

// Reads the export and the rates and builds both directions. InvalidArgument when the study has no
// [investment] section and all_sectors is off; Aborted (naming the first problem) with strict.
Result<InvestmentReport> AnalyzeInvestment(const InvestmentOptions& options);

// The caveats every output carries (STUDY.md): round totals, headquarters, public companies.
const std::vector<std::string>& InvestmentCaveats();

// The report as exhibit tables (ids investment_summary, investment_by_year, investment_by_round_type,
// investment_by_company_country, investment_by_category, investment_deals with each deal's
// evidence, investment_flagged with each registry match, investment_skipped), each carrying its
// source, definition and the caveats.
std::vector<analyze::ExhibitTable> InvestmentExhibits(const InvestmentReport& report);

// InvestmentExhibits(), written into `out_dir` (CSV and JSON, each atomically) and, unless
// `database_path` is empty, stored in that study database beside the co-authorship exhibits.
Result<std::vector<analyze::ExhibitTable>> WriteInvestmentOutputs(const InvestmentReport& report,
                                                                  const std::string& out_dir,
                                                                  const std::string& database_path);

}  // namespace entangle::invest
