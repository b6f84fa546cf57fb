#include "analyze/joint_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <sstream>

#include "analyze/lineage.h"

namespace entangle::analyze {

double JointWork::SideFractional(select::Sides side) const {
  double sum = 0;
  for (const JointCountry& c : countries) {
    if (c.sides.Has(side)) sum += c.fractional;
  }
  return sum;
}

bool JointWork::HasCountry(const std::string& country) const {
  return std::any_of(countries.begin(), countries.end(), [&](const JointCountry& c) { return c.country == country; });
}

double JointWork::CountryFractional(const std::string& country) const {
  for (const JointCountry& c : countries) {
    if (c.country == country) return c.fractional;
  }
  return 0;
}

namespace {

// Finds works by id while a child table is read in storage order. Its rows come grouped by work
// and in the works' own order, so the current and the next stored work are tried before the hash
// index: most lookups cost one string comparison.
class WorkIndex {
 public:
  // storage_order[s]: the position in `works` of the s-th work in storage (rowid) order.
  WorkIndex(std::vector<JointWork>& works, std::vector<uint32_t> storage_order)
      : works_(works), storage_order_(std::move(storage_order)) {
    stored_ids_.reserve(storage_order_.size());
    stored_at_.reserve(storage_order_.size());
    for (size_t s = 0; s < storage_order_.size(); ++s) {
      stored_ids_.push_back(works[storage_order_[s]].id);
      stored_at_.emplace(stored_ids_.back(), static_cast<uint32_t>(s));
    }
  }
  // The position in `works` of the work with this id, or -1.
  int64_t Find(std::string_view id) {
    if (next_ > 0 && stored_ids_[next_ - 1] == id) return storage_order_[next_ - 1];
    if (next_ < stored_ids_.size() && stored_ids_[next_] == id) return storage_order_[next_++];
    auto found = stored_at_.find(id);
    if (found == stored_at_.end()) return -1;
    next_ = found->second + 1;
    return storage_order_[found->second];
  }
  JointWork* FindWork(std::string_view id) {
    int64_t i = Find(id);
    return i < 0 ? nullptr : &works_[static_cast<size_t>(i)];
  }

 private:
  std::vector<JointWork>& works_;
  std::vector<uint32_t> storage_order_;
  std::vector<std::string_view> stored_ids_;  // in storage order: read sequentially, cache-friendly
  std::unordered_map<std::string_view, uint32_t> stored_at_;  // id -> storage position
  size_t next_ = 0;  // storage position after the last one found
};

Status LoadEntities(store::StudyDb& db, JointData& data) {
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT id, display_name, country_code, type, ror, lineage FROM institutions", [&](const Row& row) {
        data.institutions[row.Text(0)] = {row.Text(1), row.Text(2), row.Text(3), row.Text(4), SplitWords(row.Text(5))};
      }));
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT id, display_name, country_code, ror FROM funders", [&](const Row& row) {
    data.funders[row.Text(0)] = {row.Text(1), row.Text(2), row.Text(3), {}};
  }));
  return db.ForEach("SELECT funder_id, name FROM funder_names ORDER BY rowid", [&](const Row& row) {
    auto found = data.funders.find(row.Text(0));
    if (found != data.funders.end()) found->second.alternative_names.push_back(row.Text(1));
  });
}

// One JointInstitution per distinct work_institutions row content (work id aside).
class AffiliationInterner {
 public:
  AffiliationInterner(const StudyContext& ctx, JointData& data) : ctx_(ctx), data_(data) {}

  // Columns: institution_key, institution_id, display_name, country_code, type, lineage, ror.
  const JointInstitution* Intern(const Row& row, int first) {
    content_.clear();
    for (int c = first; c < first + 7; ++c) {
      content_.append(row.View(c));
      content_.push_back('\x1f');
    }
    auto found = by_content_.find(content_);
    if (found != by_content_.end()) return found->second;
    const JointInstitution* made = Make(row, first);
    by_content_.emplace(content_, made);
    return made;
  }

 private:
  const JointInstitution* Make(const Row& row, int c) {
    JointInstitution& inst = data_.affiliations.emplace_back();
    inst.key = row.Text(c);
    inst.id = row.Text(c + 1);
    inst.name = row.Text(c + 2);
    inst.country = row.Text(c + 3);
    inst.type = row.Text(c + 4);
    inst.lineage = SplitWords(row.Text(c + 5));
    inst.ror = row.Text(c + 6);
    inst.name_on_work = inst.name;
    inst.country_on_work = inst.country;
    inst.lineage_on_work = inst.lineage;
    auto entity = inst.id.empty() ? data_.institutions.end() : data_.institutions.find(inst.id);
    if (entity != data_.institutions.end()) {
      // The snapshot's institution entity is the reference (per-work copies lag behind it and
      // carry quirks such as universities typed "funder"); the work's copy only fills gaps.
      const InstitutionEntityRow& e = entity->second;
      if (!e.name.empty()) inst.name = e.name;
      if (!e.country.empty()) inst.country = e.country;
      if (!e.type.empty()) inst.type = e.type;
      if (!e.lineage.empty()) inst.lineage = e.lineage;
      if (inst.ror.empty()) inst.ror = e.ror;
    }
    if (inst.name.empty()) inst.name = inst.id.empty() ? inst.key : inst.id;
    inst.sides = ctx_.SideOf(inst.country);
    // A corporate lab (IBM Research - Zurich, typed "facility") belongs to its company: an
    // affiliation is company-affiliated when it or any institution in its lineage is a company.
    inst.is_company = inst.type == "company" || (entity != data_.institutions.end() && entity->second.type == "company");
    for (const std::string& ancestor : inst.lineage) {
      auto parent = data_.institutions.find(ancestor);
      if (parent != data_.institutions.end() && parent->second.type == "company") inst.is_company = true;
    }
    auto [key, added] = key_index_.try_emplace(inst.key, static_cast<uint32_t>(key_index_.size()));
    inst.key_index = key->second;
    data_.institution_keys = key_index_.size();
    return &inst;
  }

  const StudyContext& ctx_;
  JointData& data_;
  std::string content_;
  std::unordered_map<std::string, const JointInstitution*> by_content_;
  std::unordered_map<std::string, uint32_t> key_index_;
};

// Author shares: each authorship carries 1/N of the work, split equally over its institutions.
Status LoadAuthorShares(store::StudyDb& db, std::vector<JointWork>& works, WorkIndex& index) {
  std::vector<int64_t> authors(works.size(), 0);
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT work_id, count(*) FROM work_authorships GROUP BY work_id",
                                      [&](const Row& row) {
                                        int64_t w = index.Find(row.View(0));
                                        if (w >= 0) authors[static_cast<size_t>(w)] = row.Int(1);
                                      }));
  struct Link {
    int64_t author;
    int32_t institution;  // position in the work's institutions, -1 when not listed there
  };
  std::vector<std::vector<Link>> links(works.size());
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, author_order, institution_key FROM work_authorship_institutions ORDER BY rowid",
      [&](const Row& row) {
        int64_t w = index.Find(row.View(0));
        if (w < 0) return;
        const std::vector<WorkInstitution>& listed = works[static_cast<size_t>(w)].institutions;
        std::string_view key = row.View(2);
        int32_t position = -1;
        for (size_t i = 0; i < listed.size(); ++i) {
          if (listed[i].info->key == key) {
            position = static_cast<int32_t>(i);
            break;
          }
        }
        links[static_cast<size_t>(w)].push_back({row.Int(1), position});
      }));
  for (size_t w = 0; w < works.size(); ++w) {
    std::vector<Link>& list = links[w];
    const int64_t n = authors[w];
    if (list.empty() || n <= 0) continue;
    std::stable_sort(list.begin(), list.end(), [](const Link& x, const Link& y) { return x.author < y.author; });
    for (size_t begin = 0; begin < list.size();) {
      size_t end = begin;
      while (end < list.size() && list[end].author == list[begin].author) ++end;
      double share = 1.0 / static_cast<double>(n) / static_cast<double>(end - begin);
      for (size_t i = begin; i < end; ++i) {
        if (list[i].institution >= 0) works[w].institutions[static_cast<size_t>(list[i].institution)].fractional += share;
      }
      begin = end;
    }
    std::vector<Link>().swap(list);
  }
  return Status::OK();
}

Status LoadInstitutions(store::StudyDb& db, const StudyContext& ctx, JointData& data, WorkIndex& index) {
  AffiliationInterner interner(ctx, data);
  // Databases written before work_institutions.author_share existed: derived from the authorships.
  const bool stored_shares = db.HasColumn("work_institutions", "author_share");
  bool missing_share = !stored_shares;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      fmt::format("SELECT work_id, institution_key, institution_id, display_name, country_code, type, lineage, ror, "
                  "{} FROM work_institutions ORDER BY rowid",
                  stored_shares ? "author_share" : "NULL"),
      [&](const Row& row) {
        JointWork* work = index.FindWork(row.View(0));
        if (work == nullptr) return;
        missing_share = missing_share || row.IsNull(8);
        work->institutions.push_back({interner.Intern(row, 1), row.Double(8)});
      }));
  if (missing_share) {
    for (JointWork& work : data.works) {
      for (WorkInstitution& on_work : work.institutions) on_work.fractional = 0;
    }
    ENTANGLE_RETURN_IF_ERROR(LoadAuthorShares(db, data.works, index));
  }
  LineageResolver lineage(data);
  for (JointInstitution& inst : data.affiliations) {
    if (!inst.id.empty()) inst.root = lineage.RootOf(inst.id, inst.lineage);
  }
  return Status::OK();
}

// The primary topic: the highest-scored primary row that names a subfield or field (NULL scores
// last, ties to the first listed).
Status LoadPrimaryTopics(store::StudyDb& db, std::vector<JointWork>& works, WorkIndex& index) {
  struct Best {
    bool set = false, null_score = true;
    double score = 0;
  };
  std::vector<Best> best(works.size());
  return db.ForEach(
      "SELECT work_id, subfield_id, subfield_name, field_id, field_name, score FROM work_topics "
      "WHERE is_primary = 1 ORDER BY rowid",
      [&](const Row& row) {
        int64_t w = index.Find(row.View(0));
        if (w < 0 || (row.View(1).empty() && row.View(3).empty())) return;
        Best& b = best[static_cast<size_t>(w)];
        bool null_score = row.IsNull(5);
        double score = null_score ? 0 : row.Double(5);
        bool better = !b.set || (b.null_score && !null_score) || (!b.null_score && !null_score && score > b.score);
        if (!better) return;
        b = {true, null_score, score};
        JointWork& work = works[static_cast<size_t>(w)];
        work.subfield_id = row.Text(1);
        work.subfield_name = row.Text(2);
        work.field_id = row.Text(3);
        work.field_name = row.Text(4);
      });
}

Status LoadConcepts(store::StudyDb& db, JointData& data, WorkIndex& index) {
  std::unordered_map<std::string, const JointConcept*> interned;  // id \x1f name \x1f level
  return db.ForEach(
      "SELECT work_id, concept_id, display_name, level FROM work_concepts WHERE level IS NOT NULL AND level <= " +
          std::to_string(kMaxConceptLevel) + " AND score >= " + std::to_string(kMinConceptScore) +
          " AND concept_id IS NOT NULL ORDER BY rowid",
      [&](const Row& row) {
        JointWork* work = index.FindWork(row.View(0));
        if (work == nullptr) return;
        for (const JointConcept* c : work->concepts) {
          if (c->id == row.View(1)) return;  // a concept listed twice counts once
        }
        std::string content = row.Text(1) + '\x1f' + row.Text(2) + '\x1f' + std::to_string(row.Int(3));
        auto [found, added] = interned.try_emplace(content, nullptr);
        if (added) {
          found->second = &data.concept_list.emplace_back(
              JointConcept{row.Text(1), row.Text(2), static_cast<int>(row.Int(3))});
        }
        work->concepts.push_back(found->second);
      });
}

Status LoadGrants(store::StudyDb& db, WorkIndex& index) {
  return db.ForEach(
      "SELECT work_id, funder_id, funder_name, award_id FROM work_grants "
      "WHERE funder_id IS NOT NULL OR funder_name IS NOT NULL ORDER BY rowid",
      [&](const Row& row) {
        JointWork* work = index.FindWork(row.View(0));
        if (work == nullptr) return;
        std::string id = row.Text(1);
        std::string key = !id.empty() ? id : "name:" + row.Text(2);
        work->grants.push_back({key, id, row.Text(2), row.Text(3)});
      });
}

// Sorts the works (read in storage order) by id; returns where each stored work went.
std::vector<uint32_t> SortById(std::vector<JointWork>& works) {
  // Sorted by a copy of each id's first 16 bytes, kept beside its position: comparing those does
  // not touch the large JointWork records (longer ids that tie on them are compared in full).
  struct Key {
    std::array<char, 16> prefix{};
    uint32_t position;
  };
  std::vector<Key> keys(works.size());
  for (uint32_t i = 0; i < keys.size(); ++i) {
    const std::string& id = works[i].id;
    std::memcpy(keys[i].prefix.data(), id.data(), std::min(id.size(), keys[i].prefix.size()));
    keys[i].position = i;
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
    int order = std::memcmp(x.prefix.data(), y.prefix.data(), x.prefix.size());
    return order != 0 ? order < 0 : works[x.position].id < works[y.position].id;
  });
  std::vector<JointWork> sorted;
  sorted.reserve(works.size());
  std::vector<uint32_t> storage_order(works.size());
  for (uint32_t position = 0; position < keys.size(); ++position) {
    sorted.push_back(std::move(works[keys[position].position]));
    storage_order[keys[position].position] = position;
  }
  works = std::move(sorted);
  return storage_order;
}

}  // namespace

Result<JointData> LoadJointData(store::StudyDb& db, const StudyContext& ctx) {
  JointData data;
  ENTANGLE_RETURN_IF_ERROR(LoadEntities(db, data));
  // Read in storage order and sorted here: ORDER BY id would seek every row through the index.
  ENTANGLE_RETURN_IF_ERROR(
      db.ForEach("SELECT id, publication_year, cited_by_count, fwci FROM works ORDER BY rowid", [&](const Row& row) {
        JointWork& work = data.works.emplace_back();
        work.id = row.Text(0);
        work.year = static_cast<int>(row.Int(1));
        work.cited_by_count = row.Int(2);
        if (!row.IsNull(3)) work.fwci = row.Double(3);
      }));
  WorkIndex index(data.works, SortById(data.works));
  std::map<std::string, select::Sides, std::less<>> side_of;  // a few hundred countries at most
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT work_id, country, fractional FROM work_countries ORDER BY rowid",
                                      [&](const Row& row) {
                                        JointWork* work = index.FindWork(row.View(0));
                                        if (work == nullptr) return;
                                        auto side = side_of.find(row.View(1));
                                        if (side == side_of.end()) {
                                          std::string country = row.Text(1);
                                          side = side_of.emplace(country, ctx.SideOf(country)).first;
                                        }
                                        work->countries.push_back({side->first, side->second, row.Double(2)});
                                      }));
  ENTANGLE_RETURN_IF_ERROR(LoadInstitutions(db, ctx, data, index));
  ENTANGLE_RETURN_IF_ERROR(LoadPrimaryTopics(db, data.works, index));
  if (ctx.options.subfield_scheme == "concepts") ENTANGLE_RETURN_IF_ERROR(LoadConcepts(db, data, index));
  ENTANGLE_RETURN_IF_ERROR(LoadGrants(db, index));
  return data;
}

}  // namespace entangle::analyze
