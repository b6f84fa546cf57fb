#include "analyze/joint_data.h"

#include <algorithm>
#include <sstream>

namespace entangle::analyze {

std::vector<std::string> SplitSpaced(const std::string& text) {
  std::vector<std::string> items;
  std::istringstream in(text);
  for (std::string item; in >> item;) items.push_back(item);
  return items;
}

double JointWork::SideFractional(char side) const {
  double sum = 0;
  for (const JointCountry& c : countries) {
    if (c.side.find(side) != std::string::npos) sum += c.fractional;
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

// Works indexed by id while the child tables are read.
class WorkIndex {
 public:
  explicit WorkIndex(std::vector<JointWork>& works) : works_(works) {
    for (size_t i = 0; i < works.size(); ++i) index_.emplace(works[i].id, i);
  }
  JointWork* Find(const std::string& id) {
    auto found = index_.find(id);
    return found == index_.end() ? nullptr : &works_[found->second];
  }

 private:
  std::vector<JointWork>& works_;
  std::unordered_map<std::string, size_t> index_;
};

Status LoadEntities(AnalysisDb& db, JointData& data) {
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT id, display_name, country_code, type, ror, lineage FROM institutions", [&](const Row& row) {
        data.institutions[row.Text(0)] = {row.Text(1), row.Text(2), row.Text(3), row.Text(4), SplitSpaced(row.Text(5))};
      }));
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT id, display_name, country_code, ror FROM funders", [&](const Row& row) {
    data.funders[row.Text(0)] = {row.Text(1), row.Text(2), row.Text(3), {}};
  }));
  return db.ForEach("SELECT funder_id, name FROM funder_names ORDER BY rowid", [&](const Row& row) {
    auto found = data.funders.find(row.Text(0));
    if (found != data.funders.end()) found->second.alternative_names.push_back(row.Text(1));
  });
}

Status LoadInstitutions(AnalysisDb& db, const StudyContext& ctx, JointData& data, WorkIndex& index) {
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, institution_key, institution_id, display_name, country_code, type, lineage "
      "FROM work_institutions ORDER BY rowid",
      [&](const Row& row) {
        JointWork* work = index.Find(row.Text(0));
        if (work == nullptr) return;
        JointInstitution inst{row.Text(1), row.Text(2), row.Text(3), row.Text(4), "", row.Text(5)};
        inst.lineage = SplitSpaced(row.Text(6));
        auto entity = inst.id.empty() ? data.institutions.end() : data.institutions.find(inst.id);
        if (entity != data.institutions.end()) {
          // The snapshot's institution entity is the reference (per-work copies lag behind it and
          // carry quirks such as universities typed "funder"); the work's copy only fills gaps.
          if (!entity->second.name.empty()) inst.name = entity->second.name;
          if (!entity->second.country.empty()) inst.country = entity->second.country;
          if (!entity->second.type.empty()) inst.type = entity->second.type;
          if (!entity->second.lineage.empty()) inst.lineage = entity->second.lineage;
        }
        if (inst.name.empty()) inst.name = inst.id.empty() ? inst.key : inst.id;
        inst.side = ctx.SideOf(inst.country);
        // A corporate lab (IBM Research - Zurich, typed "facility") belongs to its company: an
        // affiliation is company-affiliated when it or any institution in its lineage is a company.
        inst.is_company = inst.type == "company" ||
                          (entity != data.institutions.end() && entity->second.type == "company");
        for (const std::string& ancestor : inst.lineage) {
          auto parent = data.institutions.find(ancestor);
          if (parent != data.institutions.end() && parent->second.type == "company") inst.is_company = true;
        }
        work->institutions.push_back(std::move(inst));
      }));

  // Author shares: each authorship carries 1/N of the work, split equally over its institutions.
  std::unordered_map<std::string, int64_t> authors;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT work_id, count(*) FROM work_authorships GROUP BY work_id",
                                      [&](const Row& row) { authors[row.Text(0)] = row.Int(1); }));
  struct Link {
    std::string work, key;
    int64_t author;
  };
  std::vector<Link> links;
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, author_order, institution_key FROM work_authorship_institutions ORDER BY work_id, author_order",
      [&](const Row& row) { links.push_back({row.Text(0), row.Text(2), row.Int(1)}); }));
  for (size_t begin = 0; begin < links.size();) {
    size_t end = begin;
    while (end < links.size() && links[end].work == links[begin].work && links[end].author == links[begin].author) ++end;
    JointWork* work = index.Find(links[begin].work);
    int64_t n = authors[links[begin].work];
    if (work != nullptr && n > 0) {
      double share = 1.0 / static_cast<double>(n) / static_cast<double>(end - begin);
      for (size_t i = begin; i < end; ++i) {
        for (JointInstitution& inst : work->institutions) {
          if (inst.key == links[i].key) {
            inst.fractional += share;
            break;
          }
        }
      }
    }
    begin = end;
  }
  return Status::OK();
}

Status LoadTopicsConceptsGrants(AnalysisDb& db, WorkIndex& index) {
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, subfield_id, subfield_name, field_id, field_name FROM work_topics WHERE is_primary = 1 "
      "ORDER BY score DESC, rowid",
      [&](const Row& row) {
        JointWork* work = index.Find(row.Text(0));
        if (work == nullptr || !work->subfield_id.empty() || !work->field_id.empty()) return;  // first primary wins
        work->subfield_id = row.Text(1);
        work->subfield_name = row.Text(2);
        work->field_id = row.Text(3);
        work->field_name = row.Text(4);
      }));
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, concept_id, display_name, level FROM work_concepts WHERE level IS NOT NULL AND level <= " +
          std::to_string(kMaxConceptLevel) + " AND score >= " + std::to_string(kMinConceptScore) +
          " AND concept_id IS NOT NULL ORDER BY rowid",
      [&](const Row& row) {
        JointWork* work = index.Find(row.Text(0));
        if (work == nullptr) return;
        for (const JointConcept& c : work->concepts) {
          if (c.id == row.Text(1)) return;  // a concept listed twice counts once
        }
        work->concepts.push_back({row.Text(1), row.Text(2), static_cast<int>(row.Int(3))});
      }));
  return db.ForEach(
      "SELECT work_id, funder_id, funder_name, award_id FROM work_grants "
      "WHERE funder_id IS NOT NULL OR funder_name IS NOT NULL ORDER BY rowid",
      [&](const Row& row) {
        JointWork* work = index.Find(row.Text(0));
        if (work == nullptr) return;
        std::string id = row.Text(1);
        std::string key = !id.empty() ? id : "name:" + row.Text(2);
        work->grants.push_back({key, id, row.Text(2), row.Text(3)});
      });
}

}  // namespace

Result<JointData> LoadJointData(AnalysisDb& db, const StudyContext& ctx) {
  JointData data;
  ENTANGLE_RETURN_IF_ERROR(LoadEntities(db, data));
  ENTANGLE_RETURN_IF_ERROR(
      db.ForEach("SELECT id, publication_year, cited_by_count, fwci FROM works ORDER BY id", [&](const Row& row) {
        JointWork work;
        work.id = row.Text(0);
        work.year = static_cast<int>(row.Int(1));
        work.cited_by_count = row.Int(2);
        if (!row.IsNull(3)) work.fwci = row.Double(3);
        data.works.push_back(std::move(work));
      }));
  WorkIndex index(data.works);
  ENTANGLE_RETURN_IF_ERROR(db.ForEach("SELECT work_id, country, fractional FROM work_countries ORDER BY rowid",
                                      [&](const Row& row) {
                                        JointWork* work = index.Find(row.Text(0));
                                        if (work == nullptr) return;
                                        std::string country = row.Text(1);
                                        work->countries.push_back({country, ctx.SideOf(country), row.Double(2)});
                                      }));
  ENTANGLE_RETURN_IF_ERROR(LoadInstitutions(db, ctx, data, index));
  ENTANGLE_RETURN_IF_ERROR(LoadTopicsConceptsGrants(db, index));
  return data;
}

}  // namespace entangle::analyze
