// Reads the joint works' institutions, author shares, entities and the two groups.
#include "network/network_input.h"

#include <charconv>

#include "common/ascii.h"
#include "store/study_db.h"

namespace entangle::network {
namespace {

using Rows = std::vector<std::vector<std::string>>;

uint64_t ParseCount(const std::string& text) {
  uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Separates work id and institution key in one map key; neither contains a unit separator.
std::string ShareKey(const std::string& work_id, const std::string& institution_key) {
  return work_id + '\x1f' + institution_key;
}

// Author shares as in docs/counting.md: each of a work's N authorships carries 1/N, split evenly
// over the author's k institutions. Computed from integer counts so that sums stay exact-ish.
Result<std::unordered_map<std::string, double>> LoadShares(store::StudyDb& reader) {
  auto rows = reader.Query(
      "SELECT ai.work_id, ai.institution_key, n.authors, k.institutions "
      "FROM work_authorship_institutions ai "
      "JOIN (SELECT work_id, COUNT(*) AS authors FROM work_authorships GROUP BY work_id) n "
      "  ON n.work_id = ai.work_id "
      "JOIN (SELECT work_id, author_order, COUNT(*) AS institutions FROM work_authorship_institutions "
      "      GROUP BY work_id, author_order) k "
      "  ON k.work_id = ai.work_id AND k.author_order = ai.author_order");
  if (!rows.ok()) return rows.status();
  std::unordered_map<std::string, double> shares;
  for (const auto& row : *rows) {
    uint64_t divisor = ParseCount(row[2]) * ParseCount(row[3]);
    if (divisor > 0) shares[ShareKey(row[0], row[1])] += 1.0 / static_cast<double>(divisor);
  }
  return shares;
}

Status LoadGroups(store::StudyDb& db, NetworkInput& input) {
  Result<store::StoredRun> run = store::ReadStoredRun(db, store::StoredDefinition::kSkip);
  if (run.status().code() == Status::Code::kNotFound) return Status::OK();  // no run: every node is in neither group
  if (!run.ok()) return run.status();
  input.study_name = run->info.study_name;
  input.group_a_name = run->info.group_a_name;
  input.group_a.insert(run->info.group_a_countries.begin(), run->info.group_a_countries.end());
  input.group_b_name = run->info.group_b_name;
  input.group_b.insert(run->info.group_b_countries.begin(), run->info.group_b_countries.end());
  return Status::OK();
}

Status LoadEntities(store::StudyDb& reader, NetworkInput& input) {
  auto rows = reader.Query("SELECT id, display_name, country_code, type, lineage FROM institutions");
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    input.entities[row[0]] = Entity{std::move(row[1]), std::move(row[2]), std::move(row[3]), SplitWords(row[4])};
  }
  return Status::OK();
}

Status LoadOccurrences(store::StudyDb& reader, NetworkInput& input) {
  auto shares = LoadShares(reader);
  if (!shares.ok()) return shares.status();
  // DISTINCT: a key listed twice on one work still stands for one institution there.
  auto rows = reader.Query(
      "SELECT DISTINCT work_id, institution_key, institution_id, display_name, country_code, type, lineage "
      "FROM work_institutions ORDER BY work_id, institution_key");
  if (!rows.ok()) return rows.status();
  input.occurrences.reserve(rows->size());
  for (auto& row : *rows) {
    Occurrence& o = input.occurrences.emplace_back();
    auto share = shares->find(ShareKey(row[0], row[1]));
    o.share = share != shares->end() ? share->second : 0.0;
    o.work_id = std::move(row[0]);
    o.key = std::move(row[1]);
    o.id = std::move(row[2]);
    o.label = std::move(row[3]);
    o.country = std::move(row[4]);
    o.type = std::move(row[5]);
    o.lineage = SplitWords(row[6]);
  }
  return Status::OK();
}

}  // namespace

Result<NetworkInput> LoadNetworkInput(const std::string& database_path) {
  auto reader = store::StudyDb::Open(database_path);
  if (!reader.ok()) return reader.status();
  NetworkInput input;
  ENTANGLE_RETURN_IF_ERROR(LoadGroups(**reader, input));
  ENTANGLE_RETURN_IF_ERROR(LoadEntities(**reader, input));
  ENTANGLE_RETURN_IF_ERROR(LoadOccurrences(**reader, input));
  return input;
}

select::Sides GroupOf(const NetworkInput& input, const std::string& country) {
  return select::Sides(static_cast<uint8_t>((input.group_a.count(country) != 0 ? select::kGroupA : 0) |
                                            (input.group_b.count(country) != 0 ? select::kGroupB : 0)));
}

}  // namespace entangle::network
