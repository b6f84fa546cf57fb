// Exhibit 7: funding disclosed by joint papers: how many disclose a funder, funders by country
// and type, top funders, and named programmes.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/funder_type.h"
#include "analyze/tally.h"
#include "common/ascii.h"

namespace entangle::analyze {
namespace {

struct FunderInfo {
  std::string key, id, name, country, group, type;  // group: a side label, "other" or "unknown"
  select::Sides sides;                              // the groups `country` is in
};

class FunderDirectory {
 public:
  FunderDirectory(const StudyContext& ctx, const JointData& data) : ctx_(ctx), data_(data) {
    for (const auto& [id, inst] : data.institutions) {
      if (inst.ror.empty()) continue;
      bool decisive = inst.type == "government" || inst.type == "education" || inst.type == "company";
      auto [entry, added] = type_by_ror_.try_emplace(inst.ror, inst.type);
      if (!added && decisive) entry->second = inst.type;
    }
  }

  const FunderInfo& Get(const JointGrant& grant) {
    auto [entry, added] = cache_.try_emplace(grant.funder_key);
    if (!added) return entry->second;
    FunderInfo& info = entry->second;
    info.key = grant.funder_key;
    info.id = grant.funder_id;
    info.name = grant.funder_name;
    std::string ror;
    auto funder = grant.funder_id.empty() ? data_.funders.end() : data_.funders.find(grant.funder_id);
    if (funder != data_.funders.end()) {
      if (!funder->second.name.empty()) info.name = funder->second.name;
      info.country = funder->second.country;
      ror = funder->second.ror;
    }
    info.type = FunderType(ror, info.name, type_by_ror_);
    info.sides = ctx_.SideOf(info.country);
    info.group = info.country.empty() ? "unknown" : info.sides.none() ? "other" : std::string(info.sides.Label());
    return info;
  }

  std::string GroupName(const std::string& group) const {
    if (group == "unknown") return "country unknown";  // the report's words for a missing country code
    if (group == "other") return "neither group";
    return ctx_.SideName(select::Sides::FromLabel(group));
  }

  // Every name a grant's funder goes by, for programme matching.
  std::vector<std::string> Names(const JointGrant& grant) const {
    std::vector<std::string> names = {grant.funder_name, grant.award_id};
    auto funder = grant.funder_id.empty() ? data_.funders.end() : data_.funders.find(grant.funder_id);
    if (funder != data_.funders.end()) {
      names.push_back(funder->second.name);
      names.insert(names.end(), funder->second.alternative_names.begin(), funder->second.alternative_names.end());
    }
    return names;
  }

 private:
  const StudyContext& ctx_;
  const JointData& data_;
  std::unordered_map<std::string, std::string> type_by_ror_;
  std::unordered_map<std::string, FunderInfo> cache_;
};

// The distinct funders a work acknowledges (a funder named on several grants counts once).
std::vector<const FunderInfo*> FundersOf(const JointWork& work, FunderDirectory& directory) {
  std::vector<const FunderInfo*> funders;
  std::set<std::string> seen;
  for (const JointGrant& grant : work.grants) {
    if (seen.insert(grant.funder_key).second) funders.push_back(&directory.Get(grant));
  }
  return funders;
}

ExhibitTable Disclosure(const StudyContext& ctx, const JointData& data, FunderDirectory& directory) {
  ExhibitTable table = ctx.NewExhibit(
      "funding", "Exhibit 7: joint papers disclosing funding",
      fmt::format("Joint papers with at least one funder (OpenAlex grants/funders: a funder id or name), overall "
                  "and per year; with_group_b_funder / with_group_a_funder: funded papers acknowledging at least "
                  "one funder whose country is in {} / {} (shares of the funded papers; a paper can have both).",
                  ctx.group_b_name, ctx.group_a_name),
      /*counting_applies=*/false);
  table.columns = {"year", "joint_papers", "with_funder", "share_pct", "with_group_b_funder", "group_b_share_pct",
                   "with_group_a_funder", "group_a_share_pct", "incomplete"};
  struct Counts {
    int64_t papers = 0, funded = 0, b = 0, a = 0;
  };
  std::map<int, Counts> by_year;
  Counts all;
  for (const JointWork& work : data.works) {
    std::vector<const FunderInfo*> funders = FundersOf(work, directory);
    bool a = false, b = false;
    for (const FunderInfo* f : funders) {
      a = a || f->sides.Has(select::kSideA);
      b = b || f->sides.Has(select::kSideB);
    }
    for (Counts* c : {&all, &by_year[work.year]}) {
      c->papers += 1;
      c->funded += funders.empty() ? 0 : 1;
      c->a += a ? 1 : 0;
      c->b += b ? 1 : 0;
    }
  }
  auto add = [&](const std::string& year, const Counts& c, bool incomplete) {
    double funded = static_cast<double>(c.funded);
    table.rows.push_back({year, FormatInt(c.papers), FormatInt(c.funded), FormatPercent(funded, static_cast<double>(c.papers)),
                          FormatInt(c.b), FormatPercent(static_cast<double>(c.b), funded), FormatInt(c.a),
                          FormatPercent(static_cast<double>(c.a), funded), incomplete ? "yes" : ""});
  };
  add("all", all, false);
  for (int year : ctx.years) add(std::to_string(year), by_year[year], ctx.IsIncomplete(year));
  return table;
}

std::string FunderCounting(const StudyContext& ctx) {
  return ctx.fractional() ? "fractional counting: each funded paper's 1 is split equally over its distinct funders, "
                            "so shares add up to 100"
                          : "whole counting: a paper counts once for every funder (or category) it acknowledges, "
                            "so shares can add up to more than 100";
}

Exhibits FundersByCountryTypeAndTop(const StudyContext& ctx, const JointData& data, FunderDirectory& directory) {
  ExhibitTable by_type = ctx.NewExhibit(
      "funders_by_country_type", "Exhibit 7: funders by country and type",
      fmt::format("Funded joint papers by the funder's group, country (OpenAlex funder entity) and type "
                  "(government, education, company, other; derived as in docs/exhibits.md: an institution with "
                  "the funder's ROR id, else keywords in the name, else other). Rows with country 'all' sum a "
                  "group. share_pct is of the funded joint papers; {}.",
                  FunderCounting(ctx)));
  by_type.columns = {"funder_group", "funder_country", "funder_type", "funders", "papers", "share_pct"};
  ExhibitTable top = ctx.NewExhibit(
      "top_funders", "Exhibit 7: top funders of joint papers",
      fmt::format("The {} funders acknowledged by the most joint papers; share_pct is of the funded joint papers; {}.",
                  ctx.options.top_n, FunderCounting(ctx)));
  top.columns = {"rank", "funder_id", "funder", "country", "group", "type", "papers", "share_pct"};

  Tally group_type, country_type, funder_papers;
  std::map<std::string, std::set<std::string>> funders_in;  // category -> funder keys
  std::map<std::string, const FunderInfo*> info;
  double funded = 0;
  for (const JointWork& work : data.works) {
    std::vector<const FunderInfo*> funders = FundersOf(work, directory);
    if (funders.empty()) continue;
    funded += 1;
    double share = ctx.fractional() ? 1.0 / static_cast<double>(funders.size()) : 1.0;
    std::set<std::string> categories;  // whole counting: once per category per paper
    for (const FunderInfo* f : funders) {
      info[f->key] = f;
      funder_papers.Add(f->key, share);
      for (const std::string& category : {f->group + "\tall\t" + f->type, f->group + "\t" + f->country + "\t" + f->type}) {
        funders_in[category].insert(f->key);
        if (ctx.fractional()) {
          (category.find("\tall\t") != std::string::npos ? group_type : country_type).Add(category, share);
        } else if (categories.insert(category).second) {
          (category.find("\tall\t") != std::string::npos ? group_type : country_type).Add(category, 1);
        }
      }
    }
  }
  auto add_rows = [&](const Tally& tally) {
    for (const auto& [category, papers] : tally.Descending()) {
      size_t tab1 = category.find('\t'), tab2 = category.rfind('\t');
      by_type.rows.push_back({directory.GroupName(category.substr(0, tab1)), category.substr(tab1 + 1, tab2 - tab1 - 1),
                              category.substr(tab2 + 1), std::to_string(funders_in[category].size()),
                              FormatNumber(papers), FormatPercent(papers, funded)});
    }
  };
  add_rows(group_type);
  add_rows(country_type);
  int rank = 0;
  for (const auto& [key, papers] : funder_papers.Descending()) {
    if (++rank > ctx.options.top_n) break;
    const FunderInfo* f = info[key];
    top.rows.push_back({std::to_string(rank), f->id, f->name, f->country, directory.GroupName(f->group), f->type,
                        FormatNumber(papers), FormatPercent(papers, funded)});
  }
  return {std::move(by_type), std::move(top)};
}

ExhibitTable Programmes(const StudyContext& ctx, const JointData& data, FunderDirectory& directory) {
  ExhibitTable table = ctx.NewExhibit(
      "programmes", "Exhibit 7: named funding programmes",
      "Joint papers acknowledging each configured programme: a grant matches when the programme text occurs "
      "(case-insensitively) in the grant's funder name, the funder entity's name or alternative names, or the "
      "award id. share_pct is of all joint papers; grants counts the matching grant rows.",
      /*counting_applies=*/false);
  table.columns = {"programme", "papers", "share_pct", "grants"};
  const std::vector<std::string>& programmes = ctx.options.programmes;
  std::vector<int64_t> papers(programmes.size(), 0), grants(programmes.size(), 0);
  std::vector<bool> matched(programmes.size());
  for (const JointWork& work : data.works) {
    std::fill(matched.begin(), matched.end(), false);
    for (const JointGrant& grant : work.grants) {
      const std::vector<std::string> names = directory.Names(grant);
      for (size_t p = 0; p < programmes.size(); ++p) {
        bool hit = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
          return !name.empty() && ContainsIgnoreAsciiCase(name, programmes[p]);
        });
        grants[p] += hit ? 1 : 0;
        matched[p] = matched[p] || hit;
      }
    }
    for (size_t p = 0; p < programmes.size(); ++p) papers[p] += matched[p] ? 1 : 0;
  }
  for (size_t p = 0; p < programmes.size(); ++p) {
    table.rows.push_back({programmes[p], FormatInt(papers[p]),
                          FormatPercent(static_cast<double>(papers[p]), static_cast<double>(data.works.size())),
                          FormatInt(grants[p])});
  }
  return table;
}

}  // namespace

Exhibits FundingExhibits(const StudyContext& ctx, const JointData& data) {
  FunderDirectory directory(ctx, data);
  Exhibits exhibits = {Disclosure(ctx, data, directory)};
  for (ExhibitTable& table : FundersByCountryTypeAndTop(ctx, data, directory)) exhibits.push_back(std::move(table));
  exhibits.push_back(Programmes(ctx, data, directory));
  return exhibits;
}

}  // namespace entangle::analyze
