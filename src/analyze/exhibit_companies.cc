// Companies: joint papers with company-affiliated co-authors, the top companies rolled up along
// lineage (subsidiaries into their parent), and each company's partners in the other group.
#include <fmt/format.h>

#include <map>
#include <set>

#include "analyze/exhibits.h"
#include "analyze/format.h"
#include "analyze/institution_counts.h"
#include "analyze/tally.h"

namespace entangle::analyze {
namespace {

// The company an affiliation rolls up to: its top-most ancestor (all countries together).
const std::string& CompanyKey(const JointInstitution& inst) { return inst.root.empty() ? inst.key : inst.root; }

ExhibitTable Summary(const StudyContext& ctx, const JointData& data) {
  ExhibitTable table = ctx.NewExhibit(
      "companies", "Joint papers with company-affiliated co-authors",
      fmt::format("Joint papers with at least one author affiliated with a company (affiliation type 'company' on "
                  "the paper or on the OpenAlex institution entity, or a company in the affiliation's lineage, "
                  "e.g. a corporate research lab), by where the company affiliation is: in {0}, "
                  "in {1}, in either, or anywhere (third countries included). Whole counting: papers; fractional "
                  "counting: the company-affiliated authors' share of the papers (each author 1/number of authors, "
                  "split over the author's institutions). share_pct is of all joint papers.",
                  ctx.group_a_name, ctx.group_b_name));
  table.columns = {"company_affiliation", "papers", "share_pct"};
  double side_a = 0, side_b = 0, either = 0, anywhere = 0;
  for (const JointWork& work : data.works) {
    double a = 0, b = 0, in_groups = 0, any = 0;
    bool has_a = false, has_b = false, has_either = false, has_any = false;
    for (const WorkInstitution& on_work : work.institutions) {
      const JointInstitution& inst = *on_work.info;
      if (!inst.is_company) continue;
      bool in_a = inst.sides.Has(select::kSideA), in_b = inst.sides.Has(select::kSideB);
      has_any = true;
      any += on_work.fractional;
      if (in_a) {
        has_a = true;
        a += on_work.fractional;
      }
      if (in_b) {
        has_b = true;
        b += on_work.fractional;
      }
      if (in_a || in_b) {
        has_either = true;
        in_groups += on_work.fractional;
      }
    }
    side_a += ctx.fractional() ? a : (has_a ? 1 : 0);
    side_b += ctx.fractional() ? b : (has_b ? 1 : 0);
    either += ctx.fractional() ? in_groups : (has_either ? 1 : 0);
    anywhere += ctx.fractional() ? any : (has_any ? 1 : 0);
  }
  double total = static_cast<double>(data.works.size());
  table.rows = {{"in " + ctx.group_a_name + " or " + ctx.group_b_name, FormatNumber(either), FormatPercent(either, total)},
                {"in " + ctx.group_a_name, FormatNumber(side_a), FormatPercent(side_a, total)},
                {"in " + ctx.group_b_name, FormatNumber(side_b), FormatPercent(side_b, total)},
                {"anywhere", FormatNumber(anywhere), FormatPercent(anywhere, total)}};
  return table;
}

struct CompanyCount {
  double papers = 0, via_a = 0, via_b = 0;
  std::set<std::string> units, unit_countries;
  Tally unit_names;  // names a root the entity files do not know
};

Exhibits TopCompaniesAndPartners(const StudyContext& ctx, const JointData& data, const LineageResolver& lineage) {
  ExhibitTable top = ctx.NewExhibit(
      "top_companies", "Top companies on joint papers",
      fmt::format("The {} companies on the most joint papers, each rolled up to its top-most OpenAlex lineage "
                  "ancestor across all countries (e.g. Huawei's national subsidiaries into Huawei). Whole "
                  "counting: papers with at least one author at any of its units; fractional: the sum of its "
                  "units' author shares. via_group_a / via_group_b: the same, counting only its units located in "
                  "{} / {}. hq_country is the root institution's country.",
                  ctx.options.top_n, ctx.group_a_name, ctx.group_b_name));
  top.columns = {"rank", "company_id", "company", "hq_country", "hq_group", "papers", "via_group_a", "via_group_b",
                 "units", "unit_countries"};
  ExhibitTable partners = ctx.NewExhibit(
      "company_partners", "Partners of the top companies in the other group",
      fmt::format("For each company of top_companies, the {} institutions (as given, not units of the company) "
                  "with the most joint papers together with it, where the partner is in the group opposite to "
                  "the company unit on that paper (a {} unit's partners are in {}, and the reverse). Counted "
                  "whole: papers with both.",
                  ctx.options.top_n, ctx.group_a_name, ctx.group_b_name),
      /*counting_applies=*/false);
  partners.columns = {"company_id", "company", "rank", "partner_id", "partner", "partner_country", "partner_group",
                      "papers"};

  std::map<std::string, CompanyCount> companies;
  std::map<std::string, std::map<std::string, int>> partner_papers;  // company -> partner key -> papers
  std::map<std::string, const JointInstitution*> partner_info;
  for (const JointWork& work : data.works) {
    std::map<std::string, std::vector<const WorkInstitution*>> units_on_work;
    for (const WorkInstitution& on_work : work.institutions) {
      if (on_work.info->is_company) units_on_work[CompanyKey(*on_work.info)].push_back(&on_work);
    }
    for (const auto& [company, units] : units_on_work) {
      CompanyCount& count = companies[company];
      double share = 0, share_a = 0, share_b = 0;
      bool via_a = false, via_b = false;
      std::set<std::string> partners_here;
      for (const WorkInstitution* unit_on_work : units) {
        const JointInstitution* unit = unit_on_work->info;
        count.units.insert(unit->key);
        count.unit_names.Add(unit->name, 1);
        if (!unit->country.empty()) count.unit_countries.insert(unit->country);
        share += unit_on_work->fractional;
        bool in_a = unit->sides.Has(select::kSideA), in_b = unit->sides.Has(select::kSideB);
        if (in_a) {
          via_a = true;
          share_a += unit_on_work->fractional;
        }
        if (in_b) {
          via_b = true;
          share_b += unit_on_work->fractional;
        }
        for (const WorkInstitution& other_on_work : work.institutions) {
          const JointInstitution& other = *other_on_work.info;
          bool across = (in_a && other.sides.Has(select::kSideB)) || (in_b && other.sides.Has(select::kSideA));
          if (!across || (other.is_company && CompanyKey(other) == company)) continue;
          partners_here.insert(other.key);
          partner_info.try_emplace(other.key, &other);
        }
      }
      count.papers += ctx.fractional() ? share : 1;
      count.via_a += ctx.fractional() ? share_a : (via_a ? 1 : 0);
      count.via_b += ctx.fractional() ? share_b : (via_b ? 1 : 0);
      for (const std::string& partner : partners_here) partner_papers[company][partner] += 1;
    }
  }
  Tally ranking;
  for (const auto& [company, count] : companies) ranking.Add(company, count.papers);
  int rank = 0;
  for (const auto& [company, papers] : ranking.Descending()) {
    if (++rank > ctx.options.top_n) break;
    const CompanyCount& count = companies[company];
    std::string name = company.rfind("name:", 0) == 0 ? company.substr(5) : lineage.NameOf(company);
    if (name == company) name = count.unit_names.Descending().front().first + " (within " + company + ")";
    std::string hq = company.rfind("name:", 0) == 0 ? "" : lineage.CountryOf(company);
    std::string countries;
    for (const std::string& c : count.unit_countries) countries += (countries.empty() ? "" : " ") + c;
    top.rows.push_back({std::to_string(rank), company, name, hq, ctx.SideName(ctx.SideOf(hq)), FormatNumber(papers),
                        FormatNumber(count.via_a), FormatNumber(count.via_b), std::to_string(count.units.size()),
                        countries});
    Tally partner_ranking;
    for (const auto& [partner, n] : partner_papers[company]) partner_ranking.Add(partner, n);
    int partner_rank = 0;
    for (const auto& [partner, n] : partner_ranking.Descending()) {
      if (++partner_rank > ctx.options.top_n) break;
      const JointInstitution* p = partner_info[partner];
      partners.rows.push_back({company, name, std::to_string(partner_rank), p->key, p->name, p->country,
                               ctx.SideName(p->sides), FormatNumber(n)});
    }
  }
  return {std::move(top), std::move(partners)};
}

}  // namespace

Exhibits CompanyExhibits(const StudyContext& ctx, const JointData& data) {
  LineageResolver lineage(data);
  Exhibits exhibits = {Summary(ctx, data)};
  for (ExhibitTable& table : TopCompaniesAndPartners(ctx, data, lineage)) exhibits.push_back(std::move(table));
  return exhibits;
}

}  // namespace entangle::analyze
