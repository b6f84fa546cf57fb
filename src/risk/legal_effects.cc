// The legal effect of each government list (data/risk/legal-effects.csv): a sentence is evidence,
// so every row must name the notice it paraphrases; a bad row stops the load with its line.
#include <fmt/format.h>

#include <algorithm>

#include "common/csv_table.h"
#include "common/shipped_file.h"
#include "risk/registry_format.h"
#include "risk/risk.h"

namespace entangle::risk {

Result<std::vector<LegalEffect>> LoadLegalEffects(const std::string& path) {
  Result<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  const CsvTable& t = *table;
  const int category = t.Column("category"), effect = t.Column("effect"), notice = t.Column("notice"),
            notice_url = t.Column("notice_url"), read_at = t.Column("read_at"), checked_on = t.Column("checked_on"),
            licence = t.Column("licence");
  if (category < 0 || effect < 0 || notice < 0 || notice_url < 0 || checked_on < 0) {
    return Status::InvalidArgument(
        fmt::format("{}: legal effects need the columns category, effect, notice, notice_url, checked_on", path));
  }
  std::vector<LegalEffect> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    auto cell = [&](int c) { return TrimCopy(t.Cell(r, c)); };
    LegalEffect e{cell(category), cell(effect),     cell(notice),  cell(notice_url),
                  cell(read_at),  cell(checked_on), cell(licence), t.Where(r)};
    if (e.category.empty() || e.notice.empty() || e.checked_on.empty()) {
      return Status::InvalidArgument(fmt::format("{}: category, notice and checked_on must not be empty", e.origin));
    }
    // The URL is printed as a link in dossiers: only a web address, never "javascript:" or a path.
    if (!e.notice_url.starts_with("https://") && !e.notice_url.starts_with("http://")) {
      return Status::InvalidArgument(
          fmt::format("{}: notice_url must be an http(s) address, not \"{}\"", e.origin, e.notice_url));
    }
    auto same = [&](const LegalEffect& other) { return other.category == e.category; };
    if (std::any_of(out.begin(), out.end(), same)) {
      return Status::InvalidArgument(fmt::format("{}: category {} is given twice", e.origin, e.category));
    }
    out.push_back(std::move(e));
  }
  return out;
}

const LegalEffect* FindLegalEffect(const std::vector<LegalEffect>& effects, const std::string& category) {
  for (const LegalEffect& e : effects) {
    if (e.category == category) return &e;
  }
  for (const LegalEffect& e : effects) {
    if (e.category.ends_with('*') && category.starts_with(e.category.substr(0, e.category.size() - 1))) return &e;
  }
  return nullptr;
}

std::string DefaultLegalEffectsPath() { return ShippedFile("data/risk/legal-effects.csv"); }

}  // namespace entangle::risk
