// The three screens. Each starts from one institution id or a list of works and reads only what
// the indexes reach from there (work_institutions by institution_id and by work_id, works by id
// and DOI), never a whole table.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "screen/screen_impl.h"
#include "screen/screen_links.h"

namespace entangle::screen {
namespace {

constexpr const char* kPaperSql =
    "SELECT w.id, w.doi, w.title, w.publication_year, w.abstract FROM works w WHERE w.id = ?1";

}  // namespace

// A paper with its institutions, the ties of its group-B institutions in its year, and its terms.
static Result<Paper> LoadPaper(Screener::Impl& s, const std::vector<std::string>& row, bool with_terms) {
  Paper p{row[0], row[1], row[2], row[3].empty() ? 0 : std::stoi(row[3]), {}, {}, {}};
  Result<Rows> insts = s.Query(
      "SELECT institution_id, display_name, country_code, ror, lineage FROM work_institutions WHERE work_id = ?1",
      p.id);
  if (!insts.ok()) return insts.status();
  std::vector<Tie> ties;
  for (const auto& r : *insts) {
    p.institutions.push_back(fmt::format("{} [{}]", r[1].empty() ? "(no name)" : r[1], r[2].empty() ? "?" : r[2]));
    risk::InstitutionFacts copy{r[0], r[3], r[1], r[2], {}, {}};
    if (const risk::InstitutionFacts* entity = r[0].empty() ? nullptr : s.Facts(r[0])) copy = *entity;
    for (Tie& t : s.TiesOf(copy, p.year)) ties.push_back(std::move(t));
  }
  p.ties = s.ByEntity(std::move(ties));
  Result<Rows> keywords = s.Query("SELECT keyword FROM work_keywords WHERE work_id = ?1", p.id);
  if (!keywords.ok()) return keywords.status();
  std::vector<std::string> kw;
  for (const auto& r : *keywords) kw.push_back(r[0]);
  if (with_terms) p.hits = s.Vocabulary().Find(p.title, row[4], kw);
  return p;
}

// The institution a partner or home screen is about: resolved from the query and described in
// `report.who`. An empty id means nothing matched; the report then says why.
static Result<std::string> ResolveSubject(Screener::Impl& s, const std::string& query, Report& report) {
  Result<std::string> id = s.Resolve(query, report);
  if (!id.ok() || id->empty()) return id;
  Result<Institution> who = s.Describe(*id);
  if (!who.ok()) return who.status();
  report.who = std::move(who).value();
  return id;
}

Result<Report> Screener::Partner(const std::string& query) {
  Impl& s = *impl_;
  Report report = s.NewReport(Report::Kind::kPartner, query);
  Result<std::string> id = ResolveSubject(s, query, report);
  if (!id.ok()) return id.status();
  if (id->empty()) return report;
  report.ties = s.ByEntity(s.TiesOf(*s.Facts(*id), 0));
  // Without a Chinese name in OpenAlex, the registry's, of an entity that names it directly (a lab
  // inheriting its parent's tie does not take the parent's name).
  for (const EntityTie& e : report.ties) {
    if (!report.who.name_zh.empty()) break;
    bool direct = std::any_of(e.sources.begin(), e.sources.end(), [](const Tie& t) { return t.route != "lineage"; });
    if (direct) report.who.name_zh = e.entity_zh;
  }
  const int64_t limit = s.options.limit;
  Result<Rows> papers = s.Query(
      "SELECT w.id, w.doi, w.title, w.publication_year, w.abstract FROM screen_inst_works iw "
      "JOIN works w ON w.id = iw.work_id WHERE iw.institution_id = ?1 "
      "ORDER BY iw.year DESC, iw.work_id LIMIT ?2",
      *id, limit);
  if (!papers.ok()) return papers.status();
  for (const auto& r : *papers) {
    Result<Paper> p = LoadPaper(s, r, /*with_terms=*/true);  // the dossier marks the terms in titles
    if (!p.ok()) return p.status();
    report.papers.push_back(std::move(p).value());
  }
  Result<Rows> topics = s.Query(
      "SELECT topic_id, name, papers FROM screen_topics WHERE institution_id = ?1 ORDER BY papers DESC LIMIT ?2",
      *id, limit);
  if (!topics.ok()) return topics.status();
  for (const auto& r : *topics) report.topics.push_back({r[0], r[1], "", std::stoi(r[2])});
  Result<Rows> co = s.Query(
      "SELECT other_key, other_id, other_name, other_country, papers FROM screen_pairs WHERE institution_id = ?1 "
      "ORDER BY papers DESC LIMIT ?2",
      *id, limit);
  if (!co.ok()) return co.status();
  for (const auto& r : *co) report.co_institutions.push_back({r[1], r[2], r[3], std::stoi(r[4])});
  ENTANGLE_RETURN_IF_ERROR(AddPartnerLinks(s, *id, report));
  return report;
}

Result<Report> Screener::Home(const std::string& query) {
  Impl& s = *impl_;
  Report report = s.NewReport(Report::Kind::kHome, query);
  Result<std::string> id = ResolveSubject(s, query, report);
  if (!id.ok()) return id.status();
  if (id->empty()) return report;
  Result<Rows> partners = s.Query(
      "SELECT other_key, other_id, other_name, other_country, other_ror, other_lineage, papers FROM screen_pairs "
      "WHERE institution_id = ?1 ORDER BY papers DESC, other_id",
      *id);
  if (!partners.ok()) return partners.status();
  ENTANGLE_RETURN_IF_ERROR(s.LoadPartnerFacts(*id));  // names of all partners in one query
  for (const auto& r : *partners) {
    if (!s.InGroupB(r[3])) continue;
    risk::InstitutionFacts copy{r[1], r[4], r[2], r[3], {}, {}};
    if (const risk::InstitutionFacts* entity = r[1].empty() ? nullptr : s.Facts(r[1])) copy = *entity;
    std::vector<Tie> ties = s.CachedTiesOf(copy);
    if (ties.empty()) {
      ++report.untied_partners;
      continue;
    }
    Institution inst{r[1], copy.ror, r[2], r[3], "", {}, {}, std::stoi(r[6]), {}, ""};
    std::vector<EntityTie> entities = s.ByEntity(std::move(ties));
    risk::TieSeverity severity = entities.front().severity;  // gravest first
    report.partners.push_back({std::move(inst), std::move(entities), severity, {}});
  }
  // Gravest tie first, then joint papers (the SQL order, kept by the stable sort); evidence
  // papers only for the rows shown.
  std::stable_sort(report.partners.begin(), report.partners.end(),
                   [](const screen::Partner& a, const screen::Partner& b) { return a.severity < b.severity; });
  if (report.partners.size() > static_cast<size_t>(s.options.limit)) report.partners.resize(s.options.limit);
  for (screen::Partner& p : report.partners) {
    // Walk the smaller institution's papers, newest first, until three are shared.
    bool home_smaller = report.who.joint_papers <= p.institution.joint_papers;
    Result<Rows> examples = s.Query(
        "SELECT iw.work_id FROM screen_inst_works iw JOIN work_institutions o ON o.work_id = iw.work_id "
        "AND o.institution_id = ?2 WHERE iw.institution_id = ?1 ORDER BY iw.year DESC, iw.work_id LIMIT 3",
        home_smaller ? *id : p.institution.id, home_smaller ? p.institution.id : *id);
    if (!examples.ok()) return examples.status();
    for (const auto& r : *examples) {
      Result<Rows> row = s.Query(kPaperSql, r[0]);
      if (!row.ok()) return row.status();
      if (row->empty()) continue;
      const std::vector<std::string>& w = (*row)[0];
      Paper paper{w[0], w[1], w[2], w[3].empty() ? 0 : std::stoi(w[3]), {}, {}, {}};
      paper.hits = s.Vocabulary().Find(paper.title, "", {});  // terms of the title, to mark them
      p.example_papers.push_back(std::move(paper));
    }
  }
  ENTANGLE_RETURN_IF_ERROR(AddHomeLinks(s, *id, report));
  return report;
}

Result<Report> Screener::Works(const std::vector<std::string>& ids) {
  Impl& s = *impl_;
  std::string query;
  for (const std::string& i : ids) query += (query.empty() ? "" : " ") + i;
  Report report = s.NewReport(Report::Kind::kWorks, query);
  for (const std::string& raw : ids) {
    std::string id = raw;
    for (const char* prefix : {"https://openalex.org/", "http://openalex.org/"}) {
      if (id.rfind(prefix, 0) == 0) id = id.substr(std::string(prefix).size());
    }
    Result<Rows> row = Rows{};
    if (!id.empty() && (id[0] == 'W' || id[0] == 'w') && id.find('/') == std::string::npos) {
      id[0] = 'W';
      row = s.Query(kPaperSql, id);
    } else {
      for (const char* prefix : {"https://doi.org/", "http://doi.org/", "doi:", "doi.org/"}) {
        if (id.rfind(prefix, 0) == 0) id = id.substr(std::string(prefix).size());
      }
      std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
      row = s.Query("SELECT id, doi, title, publication_year, abstract FROM works WHERE doi = ?1", id);
    }
    if (!row.ok()) return row.status();
    if (row->empty()) {
      report.not_found.push_back(raw);
      continue;
    }
    Result<Paper> p = LoadPaper(s, (*row)[0], /*with_terms=*/true);
    if (!p.ok()) return p.status();
    report.papers.push_back(std::move(p).value());
  }
  return report;
}

}  // namespace entangle::screen
