// Exhibit 4: joint papers by subfield (OpenAlex primary topic, or legacy concepts).
#include <fmt/format.h>

#include <map>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/tally.h"

namespace entangle::analyze {
namespace {

constexpr const char* kNoTopic = "(no primary topic)";
constexpr const char* kNoConcept = "(no qualifying concept)";

// Keys are "<field id>\t<subfield id>"; names kept aside.
Exhibits ByTopic(const StudyContext& ctx, const JointData& data) {
  ExhibitTable subfields = ctx.NewExhibit(
      "subfields", "Exhibit 4: joint papers by subfield",
      "Joint papers by the subfield (and its field) of their OpenAlex primary topic. A paper has at most "
      "one primary topic, so it counts once, in one subfield, under both counting methods; share_pct is of "
      "all joint papers. Papers without a primary topic form their own row.");
  ExhibitTable fields = ctx.NewExhibit(
      "fields", "Exhibit 4: joint papers by field",
      "Joint papers by the field of their OpenAlex primary topic (the sum of its subfields in subfields); "
      "share_pct is of all joint papers.");
  for (ExhibitTable* table : {&subfields, &fields}) {
    if (ctx.fractional()) table->notes.push_back("A paper has one primary topic: fractional and whole counts are equal.");
  }
  subfields.columns = {"field_id", "field", "subfield_id", "subfield", "joint_papers", "share_pct"};
  fields.columns = {"field_id", "field", "joint_papers", "share_pct"};
  Tally by_subfield, by_field;
  std::map<std::string, std::vector<std::string>> names;  // key -> cells before the count
  for (const JointWork& work : data.works) {
    bool has_topic = !work.subfield_id.empty() || !work.field_id.empty();
    std::string subfield_key = work.field_id + "\t" + work.subfield_id;
    by_subfield.Add(subfield_key, 1);
    by_field.Add(work.field_id, 1);
    names.try_emplace(subfield_key, std::vector<std::string>{work.field_id, has_topic ? work.field_name : kNoTopic,
                                                             work.subfield_id, has_topic ? work.subfield_name : kNoTopic});
    names.try_emplace("field\t" + work.field_id,
                      std::vector<std::string>{work.field_id, has_topic ? work.field_name : kNoTopic});
  }
  double total = static_cast<double>(data.works.size());
  for (const auto& [key, count] : by_subfield.Descending()) {
    std::vector<std::string> row = names[key];
    row.push_back(FormatNumber(count));
    row.push_back(FormatPercent(count, total));
    subfields.rows.push_back(std::move(row));
  }
  for (const auto& [key, count] : by_field.Descending()) {
    std::vector<std::string> row = names["field\t" + key];
    row.push_back(FormatNumber(count));
    row.push_back(FormatPercent(count, total));
    fields.rows.push_back(std::move(row));
  }
  return {std::move(subfields), std::move(fields)};
}

Exhibits ByConcept(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "subfields", "Exhibit 4: joint papers by concept",
      fmt::format("Joint papers by legacy OpenAlex concept of level <= {} with score >= {}. Whole counting: a "
                  "paper counts once for every such concept it has, and share_pct is of all joint papers (shares "
                  "add up to more than 100). Fractional counting: a paper's 1 is split equally over its "
                  "qualifying concepts, and share_pct is of all joint papers. Papers without a qualifying concept "
                  "form their own row.",
                  kMaxConceptLevel, FormatNumber(kMinConceptScore)));
  table.columns = {"concept_id", "concept", "level", "joint_papers", "share_pct"};
  table.notes.push_back("Concept scheme: no separate fields exhibit (level 0-1 concepts are rows of this one).");
  Tally counts;
  std::map<std::string, std::vector<std::string>> names;
  for (const JointWork& work : data.works) {
    if (work.concepts.empty()) {
      counts.Add("", 1);
      names.try_emplace("", std::vector<std::string>{"", kNoConcept, ""});
      continue;
    }
    double share = ctx.fractional() ? 1.0 / static_cast<double>(work.concepts.size()) : 1.0;
    for (const JointConcept* c : work.concepts) {
      counts.Add(c->id, share);
      names.try_emplace(c->id, std::vector<std::string>{c->id, c->name, std::to_string(c->level)});
    }
  }
  double total = static_cast<double>(data.works.size());
  for (const auto& [key, count] : counts.Descending()) {
    std::vector<std::string> row = names[key];
    row.push_back(FormatNumber(count));
    row.push_back(FormatPercent(count, total));
    table.rows.push_back(std::move(row));
  }
  return {std::move(table)};
}

}  // namespace

Exhibits SubfieldExhibits(const StudyContext& ctx, const JointData& data) {
  return ctx.options.subfield_scheme == "concepts" ? ByConcept(ctx, data) : ByTopic(ctx, data);
}

}  // namespace entangle::analyze
