// The synthetic Crunchbase export: companies, rounds and investors drawn from the seed, with the
// deals of each direction planted to the study's counts and every count written down as it is
// planted (ground_truth.json).
#include "synth/crunchbase_synth.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/csv_table.h"
#include "common/atomic_file.h"
#include "synth/rng.h"

namespace entangle::synth {
namespace {

struct Pool {  // alpha-3 codes and their weights
  std::vector<std::string> codes;
  std::vector<double> weights;
};
const Pool kEurope = {{"GBR", "DEU", "FRA", "NLD", "SWE", "CHE", "ESP", "ITA", "IRL", "FIN",
                       "DNK", "NOR", "BEL", "AUT", "POL", "PRT", "CZE", "ROU", "EST", "LUX"},
                      {30, 16, 12, 6, 5, 5, 4, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1}};
const Pool kChina = {{"CHN", "HKG"}, {85, 15}};
const Pool kUnitedStates = {{"USA"}, {1}};

const std::vector<std::string> kAiCategories = {"Artificial Intelligence", "Machine Learning",
                                                "Computer Vision",         "Natural Language Processing",
                                                "Predictive Analytics",    "Speech Recognition"};
const std::vector<std::string> kSectors = {
    "Health Care", "Robotics", "Autonomous Vehicles", "FinTech",   "Manufacturing",
    "Retail",      "Security", "Education",           "Logistics", "Software"};
const std::vector<std::string> kNameHeads = {"Aurora", "Vector", "Lumen",  "Cortex", "Nimbus", "Quanta", "Helix",
                                             "Orbit",  "Sigma",  "Tensor", "Vista",  "Nova",   "Pixel",  "Kite"};
const std::vector<std::string> kNameTails = {"Labs",     "AI",      "Analytics", "Vision",
                                             "Robotics", "Systems", "Mind",      "Data"};

// Registry entries (data/registry/entangle-curated.csv) planted as deal parties: each flags its deal.
constexpr std::string_view kPlantedInvestors[] = {"China Aerospace Science and Industry Corporation",
                                                  "China Electronics Technology Group Corporation"};
constexpr std::string_view kPlantedCompany = "China North Industries Group Corporation";

struct Investor {
  std::string uuid, name, country;
};

struct Round {
  std::string uuid, company, company_uuid, country, categories, type, code, date;
  int64_t eur = 0;  // > 0: raised in euros (deals)
  int64_t usd = 0;  // > 0: raised in dollars (other rounds); both 0: undisclosed
  std::vector<size_t> investors;
};

struct DirectionPlan {
  const char* label;
  const Pool* companies;
  const Pool* cross;  // the other group: deal investors come from here
  const Pool* home;   // other investors of the rounds
  uint64_t companies_n, rounds_n, deals_n, deal_companies_n;
  std::vector<std::pair<int, double>> deal_years;  // year, weight
  std::vector<std::pair<std::string, double>> deal_types;
  double amount_factor;  // deal amounts: the study's into-China rounds were far larger
};

uint64_t Scaled(double count, double scale) { return std::max<uint64_t>(1, uint64_t(std::llround(count * scale))); }

class Generator {
 public:
  explicit Generator(const CrunchbaseSynthOptions& options)
      : rng_(Mix(options.seed, 0xC4B5ULL)), scale_(options.scale) {
    AddInvestors(kEurope, Scaled(400, scale_), "Capital", europe_);
    AddInvestors(kChina, Scaled(150, scale_), "Ventures", china_);
    AddInvestors(kUnitedStates, Scaled(300, scale_), "Partners", us_);
  }

  void Direction(const DirectionPlan& plan, CrunchbaseTruthDirection& truth) {
    const std::vector<size_t>& cross = plan.cross == &kChina ? china_ : europe_;
    const std::vector<size_t>& home = plan.home == &kChina ? china_ : europe_;
    std::vector<std::pair<std::string, std::string>> companies;  // name, country
    WeightedPicker country(plan.companies->weights);
    for (uint64_t i = 0; i < plan.companies_n; ++i) {
      companies.emplace_back(CompanyName(plan.label, i), plan.companies->codes[country.Pick(rng_)]);
    }
    if (plan.companies == &kChina) companies[0] = {std::string(kPlantedCompany), "CHN"};
    std::vector<std::string> company_uuids;
    for (size_t i = 0; i < companies.size(); ++i) company_uuids.push_back(Uuid());

    std::vector<double> year_weights, type_weights;
    for (const auto& [year, w] : plan.deal_years) year_weights.push_back(w);
    for (const auto& [type, w] : plan.deal_types) type_weights.push_back(w);
    WeightedPicker deal_year(year_weights), deal_type(type_weights);
    std::vector<uint64_t> deals_of_company(companies.size(), 0);
    for (uint64_t d = 0; d < plan.deals_n; ++d) {
      size_t c = d < plan.deal_companies_n ? d : rng_.Below(plan.deal_companies_n);
      ++deals_of_company[c];
      int year = plan.deal_years[deal_year.Pick(rng_)].first;
      const std::string& type = plan.deal_types[deal_type.Pick(rng_)].first;
      Round round = MakeRound(companies[c], company_uuids[c], year, type);
      round.eur = DealAmount(type, plan.amount_factor);
      round.investors.push_back(cross[rng_.Below(cross.size())]);
      AddHomeInvestors(round, home);
      if (plan.cross == &kChina && d < std::size(kPlantedInvestors)) round.investors.push_back(planted_[d]);
      truth.eur += round.eur;
      ++truth.deals_by_year[year];
      ++truth.deals_by_round_type[type];
      rounds_.push_back(std::move(round));
    }
    truth.deals = plan.deals_n;
    truth.deal_companies = plan.deal_companies_n;
    truth.flagged_deals =  // one planted investor per deal, as far as the deals go
        plan.cross == &kChina ? std::min<uint64_t>(plan.deals_n, std::size(kPlantedInvestors)) : deals_of_company[0];

    // The other rounds: every company has at least one in the period.
    const uint64_t others = std::max(plan.rounds_n - plan.deals_n, plan.companies_n - plan.deal_companies_n);
    for (uint64_t r = 0; r < others; ++r) {
      size_t c =
          r < plan.companies_n - plan.deal_companies_n ? plan.deal_companies_n + r : rng_.Below(companies.size());
      Round round = MakeRound(companies[c], company_uuids[c], rng_.Range(2017, 2022), OtherType());
      if (!rng_.Chance(0.1)) round.usd = OtherAmount();
      AddHomeInvestors(round, home);
      if (rng_.Chance(0.3)) round.investors.push_back(us_[rng_.Below(us_.size())]);
      rounds_.push_back(std::move(round));
    }
    truth.companies_in_field = plan.companies_n;
    truth.rounds_in_field = plan.deals_n + others;
  }

  // Rounds that a deal's rule must turn away, each for exactly one reason; all have a Chinese
  // and a European investor, so a wrong rule would count them as deals.
  void Distractors(CrunchbaseSynthResult& result) {
    auto add = [&](const char* label, uint64_t n, const Pool& pool, int year_from, int year_to, const char* type,
                   bool ai) {
      WeightedPicker country(pool.weights);
      for (uint64_t i = 0; i < n; ++i) {
        std::pair<std::string, std::string> company{CompanyName(label, i), pool.codes[country.Pick(rng_)]};
        Round round = MakeRound(company, Uuid(), rng_.Range(year_from, year_to), type);
        if (!ai) round.categories = "Software|E-Commerce";
        round.usd = OtherAmount();
        round.investors = {china_[rng_.Below(china_.size())], europe_[rng_.Below(europe_.size())]};
        rounds_.push_back(std::move(round));
      }
      return n;
    };
    result.rounds_outside_period = add("Early", Scaled(300, scale_), kEurope, 2012, 2016, "seed", true);
    result.rounds_outside_period += add("Late", Scaled(100, scale_), kChina, 2023, 2024, "series_b", true);
    result.rounds_after_ipo = add("Listed", Scaled(40, scale_), kEurope, 2017, 2022, "post_ipo_equity", true);
    result.rounds_outside_field = add("Shop", Scaled(500, scale_), kEurope, 2017, 2022, "series_a", false);
    result.rounds_outside_groups = add("Valley", Scaled(800, scale_), kUnitedStates, 2017, 2022, "series_a", true);
  }

  Status Write(const std::string& dir, CrunchbaseSynthResult& result) {
    std::string rounds, investments, investors;
    AppendCsvRecord(rounds, {"company_name",
                             "country_code",
                             "state_code",
                             "region",
                             "city",
                             "company_category_list",
                             "funding_round_type",
                             "funding_round_code",
                             "announced_on",
                             "raised_amount_usd",
                             "raised_amount",
                             "raised_amount_currency_code",
                             "post_money_valuation_usd",
                             "post_money_valuation",
                             "pre_money_currency_code",
                             "investor_count",
                             "investor_names",
                             "cb_url",
                             "company_uuid",
                             "funding_round_uuid"});
    AppendCsvRecord(investments, {"funding_round_uuid", "investor_uuid", "is_lead_investor"});
    for (const Round& r : rounds_) {
      std::string names;
      for (size_t i : r.investors) names += (names.empty() ? "" : ", ") + investors_[i].name;
      AppendCsvRecord(rounds, {r.company,
                               r.country,
                               "",
                               "",
                               "",
                               r.categories,
                               r.type,
                               r.code,
                               r.date,
                               r.usd ? std::to_string(r.usd) : "",
                               r.eur ? std::to_string(r.eur) : "",
                               r.eur ? "EUR" : "",
                               "",
                               "",
                               "",
                               std::to_string(r.investors.size()),
                               names,
                               "",
                               r.company_uuid,
                               r.uuid});
      for (size_t k = 0; k < r.investors.size(); ++k) {
        AppendCsvRecord(investments, {r.uuid, investors_[r.investors[k]].uuid, k == 0 ? "t" : "f"});
        ++result.investments;
      }
    }
    AppendCsvRecord(investors,
                    {"investor_name", "domain", "country_code", "state_code", "region", "city", "investor_type",
                     "investment_count", "founded_on", "closed_on", "cb_url", "twitter_url", "facebook_url", "uuid"});
    for (const Investor& i : investors_) {
      AppendCsvRecord(investors,
                      {i.name, "", i.country, "", "", "", "venture_capital", "", "", "", "", "", "", i.uuid});
    }
    result.rounds = rounds_.size();
    result.investors = investors_.size();
    ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(dir + "/funding_rounds.csv", rounds));
    ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(dir + "/investments.csv", investments));
    return WriteFileAtomically(dir + "/investors.csv", investors);
  }

 private:
  void AddInvestors(const Pool& pool, uint64_t n, const char* kind, std::vector<size_t>& into) {
    WeightedPicker country(pool.weights);
    for (uint64_t i = 0; i < n; ++i) {
      const std::string& code = pool.codes[country.Pick(rng_)];
      into.push_back(investors_.size());
      investors_.push_back({Uuid(), fmt::format("{} {} {} {:03}", rng_.Pick(kNameHeads), code, kind, i), code});
    }
    if (&pool == &kChina) {
      for (std::string_view name : kPlantedInvestors) {
        planted_.push_back(investors_.size());
        investors_.push_back({Uuid(), std::string(name), "CHN"});
      }
    }
  }

  std::string CompanyName(const char* label, uint64_t i) {
    return fmt::format("{} {} {} {:04}", rng_.Pick(kNameHeads), label, rng_.Pick(kNameTails), i);
  }

  std::string Uuid() {
    uint64_t a = rng_.Next(), b = rng_.Next();
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48,
                       b & 0xffffffffffffULL);
  }

  Round MakeRound(const std::pair<std::string, std::string>& company, const std::string& company_uuid, int year,
                  const std::string& type) {
    Round r;
    r.uuid = Uuid();
    r.company = company.first;
    r.company_uuid = company_uuid;
    r.country = company.second;
    r.categories = rng_.Pick(kAiCategories) + "|" + rng_.Pick(kSectors);
    if (type.rfind("series_", 0) == 0) {
      r.type = "venture";
      r.code = std::string(1, static_cast<char>(type.back() - 'a' + 'A'));
    } else {
      r.type = type;
    }
    r.date = fmt::format("{}-{:02}-{:02}", year, rng_.Range(1, 12), rng_.Range(1, 28));
    return r;
  }

  void AddHomeInvestors(Round& round, const std::vector<size_t>& home) {
    for (int k = rng_.Range(0, 2); k > 0; --k) round.investors.push_back(home[rng_.Below(home.size())]);
  }

  std::string OtherType() {
    static const std::vector<std::string> kTypes = {"seed",     "seed",     "angel", "series_a",      "series_a",
                                                    "series_b", "series_c", "grant", "debt_financing"};
    return rng_.Pick(kTypes);
  }

  // Heavy-tailed whole-euro amounts by stage.
  int64_t DealAmount(const std::string& type, double factor) {
    double base = type == "seed" || type == "angel" ? 1e6
                  : type == "series_a"              ? 6e6
                  : type == "series_b"              ? 20e6
                  : type == "series_c"              ? 60e6
                                                    : 120e6;
    return int64_t(std::llround(factor * base * std::exp(rng_.Uniform() * 1.5 - 0.75) / 1000.0)) * 1000;
  }
  int64_t OtherAmount() { return int64_t(std::llround(2e6 * std::exp(rng_.Uniform() * 4 - 2) / 1000.0)) * 1000; }

  Rng rng_;
  double scale_;
  std::vector<Investor> investors_;
  std::vector<size_t> europe_, china_, us_, planted_;
  std::vector<Round> rounds_;
};

nlohmann::ordered_json TruthJson(const CrunchbaseTruthDirection& d) {
  nlohmann::ordered_json j;
  j["companies_in_field"] = d.companies_in_field;
  j["rounds_in_field"] = d.rounds_in_field;
  j["deals"] = d.deals;
  j["deal_companies"] = d.deal_companies;
  j["eur"] = d.eur;
  j["flagged_deals"] = d.flagged_deals;
  for (const auto& [year, n] : d.deals_by_year) j["deals_by_year"][std::to_string(year)] = n;
  for (const auto& [type, n] : d.deals_by_round_type) j["deals_by_round_type"][type] = n;
  return j;
}

}  // namespace

Result<CrunchbaseSynthResult> WriteSyntheticCrunchbase(const CrunchbaseSynthOptions& options) {
  if (!(options.scale > 0)) return Status::InvalidArgument("the Crunchbase scale must be above 0");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return Status::IOError(fmt::format("{}: {}", options.out_dir, ec.message()));
  const double s = options.scale;
  Generator generator(options);
  CrunchbaseSynthResult result;
  // STUDY.md: into Europe 98 of 8,037 rounds, 76 of 3,765 companies, 9 in 2017 -> 22 in 2022,
  // seed 38 %; into China 81 of 2,165 rounds, 64 of 1,194 companies, mostly later rounds.
  generator.Direction({"Euro",
                       &kEurope,
                       &kChina,
                       &kEurope,
                       Scaled(3765, s),
                       Scaled(8037, s),
                       Scaled(98, s),
                       Scaled(76, s),
                       {{2017, 9}, {2018, 12}, {2019, 14}, {2020, 18}, {2021, 23}, {2022, 22}},
                       {{"seed", 38},
                        {"angel", 5},
                        {"series_a", 20},
                        {"series_b", 15},
                        {"series_c", 10},
                        {"series_d", 5},
                        {"private_equity", 4},
                        {"debt_financing", 3}},
                       0.5},
                      result.into_europe);
  generator.Direction({"Sino",
                       &kChina,
                       &kEurope,
                       &kChina,
                       Scaled(1194, s),
                       Scaled(2165, s),
                       Scaled(81, s),
                       Scaled(64, s),
                       {{2017, 10}, {2018, 14}, {2019, 13}, {2020, 12}, {2021, 19}, {2022, 13}},
                       {{"series_a", 10},
                        {"series_b", 20},
                        {"series_c", 25},
                        {"series_d", 20},
                        {"series_e", 15},
                        {"private_equity", 10}},
                       1.7},
                      result.into_china);
  generator.Distractors(result);
  ENTANGLE_RETURN_IF_ERROR(generator.Write(options.out_dir, result));

  nlohmann::ordered_json truth;
  truth["synthetic"] = true;
  truth["study"] = "default (studies/ai-europe-china.toml): Europe vs China, 2017-2022, [investment] categories";
  truth["rounds"] = result.rounds;
  truth["rounds_outside_period"] = result.rounds_outside_period;
  truth["rounds_after_ipo"] = result.rounds_after_ipo;
  truth["rounds_outside_field"] = result.rounds_outside_field;
  truth["rounds_outside_groups"] = result.rounds_outside_groups;
  truth["into_europe"] = TruthJson(result.into_europe);
  truth["into_china"] = TruthJson(result.into_china);
  ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(options.out_dir + "/ground_truth.json", truth.dump(1) + "\n"));
  ENTANGLE_RETURN_IF_ERROR(WriteFileAtomically(
      options.out_dir + "/SYNTHETIC.txt",
      fmt::format("SYNTHETIC DATA - NOT CRUNCHBASE\n\nEvery file here was generated by `entangle synth --crunchbase` "
                  "(seed {}, scale {}). Companies, investors, rounds and amounts are made up; their counts imitate "
                  "the study's investment figures. The few real names are entries of data/registry, planted so "
                  "that their deals are flagged. ground_truth.json gives what `entangle invest` must find with the "
                  "default study.\n",
                  options.seed, options.scale)));
  return result;
}

}  // namespace entangle::synth
