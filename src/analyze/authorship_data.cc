#include "analyze/authorship_data.h"

#include <algorithm>
#include <unordered_map>

#include "common/ascii.h"

namespace entangle::analyze {

std::string JointAuthorship::PersonKey(const std::string& work_id) const {
  return author_id.empty() ? work_id + "#" + std::to_string(order) : author_id;
}

namespace {

// Finds a work's position in JointData::works (sorted by id) and an authorship on it.
class AuthorshipIndex {
 public:
  AuthorshipIndex(const JointData& data, WorkAuthorships& out) : out_(out) {
    for (size_t i = 0; i < data.works.size(); ++i) by_id_.emplace(data.works[i].id, i);
  }
  int64_t Work(std::string_view id) const {
    auto found = by_id_.find(id);
    return found == by_id_.end() ? -1 : static_cast<int64_t>(found->second);
  }
  JointAuthorship* Find(std::string_view work_id, int64_t order) {
    int64_t w = Work(work_id);
    if (w < 0) return nullptr;
    std::vector<JointAuthorship>& list = out_[static_cast<size_t>(w)];
    // Usually stored in order: position == order.
    if (order >= 0 && static_cast<size_t>(order) < list.size() && list[static_cast<size_t>(order)].order == order) {
      return &list[static_cast<size_t>(order)];
    }
    for (JointAuthorship& a : list) {
      if (a.order == order) return &a;
    }
    return nullptr;
  }

 private:
  WorkAuthorships& out_;
  std::unordered_map<std::string_view, size_t> by_id_;
};

}  // namespace

Result<WorkAuthorships> LoadAuthorships(store::StudyDb& db, const StudyContext& ctx, const JointData& data,
                                        bool with_raw) {
  WorkAuthorships out(data.works.size());
  AuthorshipIndex index(data, out);
  ENTANGLE_RETURN_IF_ERROR(
      db.ForEach("SELECT work_id, author_order, author_id, author_name, countries FROM work_authorships ORDER BY rowid",
                 [&](const Row& row) {
                   int64_t w = index.Work(row.View(0));
                   if (w < 0) return;
                   JointAuthorship& a = out[static_cast<size_t>(w)].emplace_back();
                   a.order = static_cast<int>(row.Int(1));
                   a.author_id = row.Text(2);
                   a.name = row.Text(3);
                   a.countries = SplitWords(row.Text(4));
                   for (const std::string& c : a.countries)
                     a.sides = select::Sides(a.sides.bits() | ctx.SideOf(c).bits());
                 }));
  for (std::vector<JointAuthorship>& list : out) {
    std::stable_sort(list.begin(), list.end(),
                     [](const JointAuthorship& x, const JointAuthorship& y) { return x.order < y.order; });
  }
  ENTANGLE_RETURN_IF_ERROR(db.ForEach(
      "SELECT work_id, author_order, institution_key FROM work_authorship_institutions ORDER BY rowid",
      [&](const Row& row) {
        JointAuthorship* a = index.Find(row.View(0), row.Int(1));
        if (a == nullptr) return;
        const JointWork& work = data.works[static_cast<size_t>(index.Work(row.View(0)))];
        for (const WorkInstitution& on_work : work.institutions) {
          if (on_work.info->key == row.View(2)) {
            if (std::find(a->institutions.begin(), a->institutions.end(), on_work.info) == a->institutions.end()) {
              a->institutions.push_back(on_work.info);
            }
            break;
          }
        }
      }));
  if (with_raw) {
    ENTANGLE_RETURN_IF_ERROR(
        db.ForEach("SELECT a.work_id, a.author_order, j.value FROM work_authorships a, json_each(a.raw_affiliations) j "
                   "WHERE a.raw_affiliations <> '[]' AND j.type = 'text' ORDER BY a.rowid, j.id",
                   [&](const Row& row) {
                     JointAuthorship* a = index.Find(row.View(0), row.Int(1));
                     if (a != nullptr) a->raw_affiliations.push_back(row.Text(2));
                   }));
  }
  return out;
}

std::vector<PaperPerson> PeopleOf(const std::string& work_id, const std::vector<JointAuthorship>& authorships) {
  std::vector<PaperPerson> people;
  std::unordered_map<std::string, size_t> at;
  for (const JointAuthorship& a : authorships) {
    std::string key = a.PersonKey(work_id);
    auto [found, added] = at.try_emplace(key, people.size());
    if (added) people.push_back({key, {}, select::Sides()});
    PaperPerson& p = people[found->second];
    p.authorships.push_back(&a);
    p.sides = select::Sides(p.sides.bits() | a.sides.bits());
  }
  return people;
}

}  // namespace entangle::analyze
