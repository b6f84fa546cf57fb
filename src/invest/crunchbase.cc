// Reading Crunchbase exports into funding rounds: the 2016 bulk layout (three linked files) and the
// flat one-row-per-investment layout. Every row left out becomes a located Problem.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <unordered_map>

#include <fmt/format.h>

#include "common/ascii.h"
#include "common/csv_table.h"
#include "invest/dates.h"
#include "invest/invest.h"
#include "select/countries.h"

namespace entangle::invest {
namespace {

namespace fs = std::filesystem;

// Amounts as exports write them: "3000000", "3000000.0", "3,000,000". nullopt for "" (undisclosed);
// `bad` is set when there is text that is not an amount.
std::optional<double> Amount(std::string_view text, bool* bad) {
  text = TrimWhitespace(text);
  if (text.empty()) return std::nullopt;
  std::string digits;
  for (char c : text) {
    if (c != ',') digits.push_back(c);
  }
  double value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value < 0) {
    *bad = true;
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> Categories(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t bar = list.find('|', start);
    if (bar == std::string_view::npos) bar = list.size();
    std::string_view c = TrimWhitespace(list.substr(start, bar - start));
    if (!c.empty()) out.emplace_back(c);
    start = bar + 1;
  }
  return out;
}

// funding_round_type "venture" with code "A" is a series A; the other types keep their name.
std::string RoundType(std::string_view type, std::string_view code) {
  std::string t = AsciiLower(TrimWhitespace(type));
  std::string c = AsciiLower(TrimWhitespace(code));
  if (t == "venture" && !c.empty()) return "series_" + c;
  return t;
}

class Reader {
 public:
  explicit Reader(CrunchbaseExport& out) : out_(out) {}

  Result<CsvTable> Read(const std::string& path) {
    CsvOptions options;
    options.keep_going = true;
    Result<CsvTable> table = ReadCsvFile(path, options);
    if (!table.ok()) return table.status();
    out_.files.push_back(path);
    out_.rows_read += table->rows.size() + table->bad_rows.size();
    for (const CsvBadRow& bad : table->bad_rows) {
      Add("malformed_row", fmt::format("{}:{}", path, bad.line), "", bad.message);
    }
    return table;
  }

  void Add(std::string reason, std::string where, std::string id, std::string message) {
    out_.problems.push_back({std::move(reason), std::move(where), std::move(id), std::move(message)});
  }

  // The alpha-2 code of an export's country; an unknown non-empty code is a problem.
  std::string Country(const std::string& raw, const std::string& where, const std::string& id) {
    std::string code = std::string(TrimWhitespace(raw));
    if (code.empty()) return {};
    std::string result;  // alpha-3 as Crunchbase writes it, or alpha-2 as other exports do
    if (code.size() == 3) {
      result = std::string(select::CountryCodeFromAlpha3(code));
    } else if (code.size() == 2 && !select::CountryName(code).empty()) {
      for (char c : code) result.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (result.empty()) {
      Add("unknown_country", where, id, fmt::format("country code \"{}\" is not an ISO 3166 code", code));
    }
    return result;
  }

  // Date, amounts and company country of a round row; false when the row cannot be a round.
  bool FillRound(FundingRound& round, std::string_view date, std::string_view amount, std::string_view currency,
                 std::string_view amount_usd) {
    round.date = IsoDate(date);
    if (round.date.empty()) {
      Add("bad_date", round.where, round.id,
          TrimWhitespace(date).empty() ? "no funding date"
                                       : fmt::format("funding date \"{}\" is not a date", TrimWhitespace(date)));
      return false;
    }
    round.year = std::stoi(round.date.substr(0, 4));
    bool bad = false;
    round.amount = Amount(amount, &bad);
    round.currency = std::string(TrimWhitespace(currency));
    round.amount_usd = Amount(amount_usd, &bad);
    if (bad) {
      Add("bad_amount", round.where, round.id,
          fmt::format("amount \"{}\" / \"{}\" is not a number: the round is kept without an amount", amount,
                      amount_usd));
      round.amount.reset();
      round.amount_usd.reset();
    }
    if (!round.amount || round.currency.empty()) {  // only the USD figure: convert from it
      round.amount = round.amount_usd;
      round.currency = round.amount_usd ? "USD" : "";
    }
    round.company_country = Country(round.company_country_raw, round.where, round.id);
    if (round.company_country_raw.empty()) {
      Add("no_company_country", round.where, round.id,
          fmt::format("company \"{}\" has no country: the round belongs to neither group", round.company));
    }
    return true;
  }

 private:
  CrunchbaseExport& out_;
};

Status ReadBulk(const fs::path& dir, CrunchbaseExport& out) {
  out.layout = "bulk";
  Reader reader(out);
  auto rounds_table = reader.Read((dir / "funding_rounds.csv").string());
  if (!rounds_table.ok()) return rounds_table.status();
  auto investments_table = reader.Read((dir / "investments.csv").string());
  if (!investments_table.ok()) return investments_table.status();
  auto investors_table = reader.Read((dir / "investors.csv").string());
  if (!investors_table.ok()) return investors_table.status();

  const CsvTable& investors = *investors_table;
  std::unordered_map<std::string, Investor> investor_by_id;
  for (size_t r = 0; r < investors.rows.size(); ++r) {
    const std::string& id = investors.Cell(r, investors.Column("uuid"));
    Investor inv;
    inv.name = investors.Cell(r, investors.Column("investor_name"));
    inv.country_raw = investors.Cell(r, investors.Column("country_code"));
    inv.country = reader.Country(inv.country_raw, investors.Where(r), id);
    investor_by_id.emplace(id, std::move(inv));
  }

  const CsvTable& rounds = *rounds_table;
  for (const char* column : {"funding_round_uuid", "announced_on", "country_code"}) {
    if (rounds.Column(column) < 0) {
      return Status::InvalidArgument(
          fmt::format("{}: no column \"{}\"; is this a Crunchbase funding_rounds.csv?", rounds.path, column));
    }
  }
  std::unordered_map<std::string, size_t> round_by_id;
  for (size_t r = 0; r < rounds.rows.size(); ++r) {
    FundingRound round;
    round.id = rounds.Cell(r, rounds.Column("funding_round_uuid"));
    round.where = rounds.Where(r);
    round.company = rounds.Cell(r, rounds.Column("company_name"));
    round.company_country_raw = std::string(TrimWhitespace(rounds.Cell(r, rounds.Column("country_code"))));
    round.categories = Categories(rounds.Cell(r, rounds.Column("company_category_list")));
    round.round_type = RoundType(rounds.Cell(r, rounds.Column("funding_round_type")),
                                 rounds.Cell(r, rounds.Column("funding_round_code")));
    if (!reader.FillRound(round, rounds.Cell(r, rounds.Column("announced_on")),
                          rounds.Cell(r, rounds.Column("raised_amount")),
                          rounds.Cell(r, rounds.Column("raised_amount_currency_code")),
                          rounds.Cell(r, rounds.Column("raised_amount_usd")))) {
      continue;
    }
    if (!round_by_id.emplace(round.id, out.rounds.size()).second) {
      reader.Add("duplicate_round", round.where, round.id, "a round with this id came earlier: this row is left out");
      continue;
    }
    out.rounds.push_back(std::move(round));
  }

  const CsvTable& investments = *investments_table;
  for (size_t r = 0; r < investments.rows.size(); ++r) {
    const std::string& round_id = investments.Cell(r, investments.Column("funding_round_uuid"));
    auto round = round_by_id.find(round_id);
    if (round == round_by_id.end()) {
      reader.Add("unknown_round", investments.Where(r), round_id,
                 "investment in a round that funding_rounds.csv does not list (or left out)");
      continue;
    }
    FundingRound& target = out.rounds[round->second];
    auto investor = investor_by_id.find(investments.Cell(r, investments.Column("investor_uuid")));
    if (investor == investor_by_id.end()) {
      ++target.investments_without_investor;  // investors.csv is often a subset: counted per round
      continue;
    }
    target.investors.push_back(investor->second);
  }
  return Status::OK();
}

Status ReadFlat(const std::string& path, CrunchbaseExport& out) {
  out.layout = "flat";
  Reader reader(out);
  auto table_or = reader.Read(path);
  if (!table_or.ok()) return table_or.status();
  const CsvTable& t = *table_or;
  for (const char* column : {"company_name", "company_country_code", "investor_country_code", "funded_at"}) {
    if (t.Column(column) < 0) {
      return Status::InvalidArgument(
          fmt::format("{}: no column \"{}\"; expected a Crunchbase investments export (one row per investment) or a "
                      "folder with funding_rounds.csv, investments.csv and investors.csv",
                      path, column));
    }
  }
  const int round_permalink = t.Column("funding_round_permalink");
  const int category_list = t.Column("company_category_list");
  std::unordered_map<std::string, size_t> round_by_key;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& funded_at = t.Cell(r, t.Column("funded_at"));
    const std::string& usd = t.Cell(r, t.Column("raised_amount_usd"));
    const std::string& company = t.Cell(r, t.Column("company_name"));
    const std::string& company_country = t.Cell(r, t.Column("company_country_code"));
    std::string key = round_permalink >= 0 && !t.Cell(r, round_permalink).empty()
                          ? t.Cell(r, round_permalink)
                          : fmt::format("{}|{}|{}|{}", company, company_country, funded_at, usd);
    auto found = round_by_key.find(key);
    if (found == round_by_key.end()) {
      FundingRound round;
      round.id = key;
      round.where = t.Where(r);
      round.company = company;
      round.company_country_raw = std::string(TrimWhitespace(company_country));
      round.categories =
          Categories(category_list >= 0 ? t.Cell(r, category_list) : t.Cell(r, t.Column("company_market")));
      round.round_type =
          RoundType(t.Cell(r, t.Column("funding_round_type")), t.Cell(r, t.Column("funding_round_code")));
      if (!reader.FillRound(round, funded_at, "", "", usd)) continue;
      found = round_by_key.emplace(key, out.rounds.size()).first;
      out.rounds.push_back(std::move(round));
    }
    Investor inv;
    inv.name = t.Cell(r, t.Column("investor_name"));
    inv.country_raw = std::string(TrimWhitespace(t.Cell(r, t.Column("investor_country_code"))));
    inv.country = reader.Country(inv.country_raw, t.Where(r), inv.name);
    out.rounds[found->second].investors.push_back(std::move(inv));
  }
  return Status::OK();
}

}  // namespace

Result<CrunchbaseExport> ReadCrunchbase(const std::string& path) {
  std::error_code error;
  CrunchbaseExport out;
  if (fs::is_directory(path, error)) {
    if (!fs::exists(fs::path(path) / "funding_rounds.csv", error)) {
      return Status::NotFound(fmt::format(
          "{}: no funding_rounds.csv; a Crunchbase bulk export folder holds funding_rounds.csv, investments.csv "
          "and investors.csv",
          path));
    }
    ENTANGLE_RETURN_IF_ERROR(ReadBulk(path, out));
    out.synthetic = fs::exists(fs::path(path) / "SYNTHETIC.txt", error);
  } else if (fs::exists(path, error)) {
    ENTANGLE_RETURN_IF_ERROR(ReadFlat(path, out));
  } else {
    return Status::NotFound(fmt::format("{}: does not exist", path));
  }
  return out;
}

}  // namespace entangle::invest
