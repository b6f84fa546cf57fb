// Resolve(): a name or id -> one institution id, or candidates. Ids (OpenAlex, ROR) and exact
// normalised names answer directly; several exact matches or none give candidates, never a guess.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "risk/name_normalize.h"
#include "screen/screen_impl.h"
#include "screen_index/screen_index.h"

namespace entangle::screen {
namespace {

constexpr size_t kMaxCandidates = 8;
constexpr size_t kCommonWord = 5000;  // a word on more institutions than this does not narrow anything

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string StripPrefix(std::string s, const std::vector<std::string>& prefixes) {
  for (const std::string& p : prefixes) {
    if (s.size() > p.size() && std::equal(p.begin(), p.end(), s.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return s.substr(p.size());
    }
  }
  return s;
}

}  // namespace

Result<std::string> Screener::Impl::Resolve(const std::string& raw, Report& report) {
  std::string q = Trim(raw);
  std::string id = StripPrefix(q, {"https://openalex.org/", "http://openalex.org/", "openalex.org/"});
  if (std::regex_match(id, std::regex("[Ii][0-9]+"))) {
    id[0] = 'I';
    if (Facts(id) != nullptr) return id;
    report.kind = Report::Kind::kUnknown;
    return std::string();
  }
  std::string ror = StripPrefix(q, {"https://ror.org/", "http://ror.org/", "ror.org/"});
  if (std::regex_match(ror, std::regex("0[a-z0-9]{6}[0-9]{2}"))) {
    Result<Rows> rows = Query("SELECT id FROM institutions WHERE ror = ?1", ror);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) rows = Query("SELECT institution_id FROM work_institutions WHERE ror = ?1 LIMIT 1", ror);
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) return (*rows)[0][0];
    report.kind = Report::Kind::kUnknown;
    return std::string();
  }

  std::string norm = risk::NormalizeName(q);
  Result<Rows> exact = Query("SELECT DISTINCT institution_id, name FROM screen_names WHERE norm = ?1", norm);
  if (!exact.ok()) return exact.status();
  std::map<std::string, std::string> exact_ids;  // id -> the name that matched
  for (const auto& r : *exact) exact_ids.emplace(r[0], r[1]);
  if (exact_ids.size() == 1) return exact_ids.begin()->first;

  report.kind = exact_ids.empty() ? Report::Kind::kUnknown : Report::Kind::kAmbiguous;
  auto add = [&](const std::string& cid, const std::string& why) -> Status {
    for (const Candidate& c : report.candidates) {
      if (c.institution.id == cid) return Status::OK();
    }
    Result<Institution> inst = Describe(cid);
    if (inst.ok()) report.candidates.push_back({std::move(inst).value(), why});
    return Status::OK();
  };
  for (const auto& [cid, name] : exact_ids) ENTANGLE_RETURN_IF_ERROR(add(cid, "exact name: " + name));
  // A registry name (e.g. "PLA Information Engineering University") points at ids the database may know.
  for (const risk::RegistryEntry& e : registry.entries) {
    bool named = risk::NormalizeName(e.name_en) == norm || (!e.name_zh.empty() && risk::NormalizeName(e.name_zh) == norm);
    for (const std::string& a : e.aliases) named = named || risk::NormalizeName(a) == norm;
    if (!named) continue;
    for (const std::string& oid : e.openalex_ids) {
      if (Facts(oid) != nullptr) ENTANGLE_RETURN_IF_ERROR(add(oid, fmt::format("registry name ({}): {}", e.source, e.name_en)));
    }
    for (const std::string& r : e.ror_ids) {
      Result<Rows> rows = Query("SELECT id FROM institutions WHERE ror = ?1", r);
      if (rows.ok() && !rows->empty()) {
        ENTANGLE_RETURN_IF_ERROR(add((*rows)[0][0], fmt::format("registry name ({}): {}", e.source, e.name_en)));
      }
    }
  }
  // Then institutions sharing the query's words; a rare shared word ("beihang") weighs more than a
  // common one ("institute").
  std::map<std::string, std::vector<std::string>> shared;  // id -> words
  std::map<std::string, double> score;                     // id -> sum of 1 / institutions with the word
  for (const std::string& word : screen_index::NameWords(norm)) {
    Result<Rows> rows = Query("SELECT institution_id FROM screen_words WHERE word = ?1 LIMIT ?2", word,
                              static_cast<int64_t>(kCommonWord + 1));
    if (!rows.ok()) return rows.status();
    if (rows->size() > kCommonWord) continue;
    for (const auto& r : *rows) {
      shared[r[0]].push_back(word);
      score[r[0]] += 1.0 / static_cast<double>(rows->size());
    }
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> ranked(shared.begin(), shared.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](const auto& a, const auto& b) { return score[a.first] > score[b.first]; });
  std::vector<Candidate> by_words;
  for (size_t i = 0; i < ranked.size() && i < 4 * kMaxCandidates; ++i) {
    Result<Institution> inst = Describe(ranked[i].first);
    if (!inst.ok()) continue;
    std::string words;
    for (const std::string& w : ranked[i].second) words += (words.empty() ? "" : " ") + w;
    by_words.push_back({std::move(inst).value(), fmt::format("shares words: {}", words)});
  }
  std::stable_sort(by_words.begin(), by_words.end(), [&](const Candidate& a, const Candidate& b) {
    return score[a.institution.id] != score[b.institution.id] ? score[a.institution.id] > score[b.institution.id]
                                                              : a.institution.joint_papers > b.institution.joint_papers;
  });
  for (const Candidate& c : by_words) {
    if (report.candidates.size() >= kMaxCandidates + exact_ids.size()) break;
    ENTANGLE_RETURN_IF_ERROR(add(c.institution.id, c.why));
  }
  return std::string();
}

}  // namespace entangle::screen
