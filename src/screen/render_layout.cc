// Render(): the layout of each screening answer, and its JSON form. Every tie is shown with its
// source, the source's date, the route and the matched text; the header says what a flag means.
#include <fmt/format.h>

#include <fmt/ranges.h>
#include <functional>
#include <nlohmann/json.hpp>

#include "screen/render_doc.h"
#include "screen/screen.h"

namespace entangle::screen {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kCaveat =
    "A tie is a prompt for due diligence, not a verdict: it says which list or assessment names the institution "
    "(or an ancestor in its lineage), of what date and why. Assessments are analysts' judgements; designations are "
    "government acts. A missing tie does not mean a partner is safe (docs/screening.md).";

// One source of an entity: the list or assessment, its date, kind and category, the entry, how it
// matched, and (for a paper) the listing status in the paper's year. The entry's own name is given
// when it differs from the entity's ("Information Engineering University" vs the curated name).
std::string SourceLine(const Tie& t, const std::string& entity_name) {
  std::string via = t.route == "lineage" ? fmt::format(" via {}", t.inherited_from) : "";
  std::string status = t.listing_status.empty() || t.kind != "designation"
                           ? ""
                           : fmt::format(", {} in the paper's year", t.listing_status);
  std::string dates = t.kind == "designation" ? fmt::format(", listed {}{}", t.listed_on.empty() ? "?" : t.listed_on,
                                                            t.delisted_on.empty() ? "" : ", removed " + t.delisted_on)
                                              : "";
  std::string as = t.entity.empty() || t.entity == entity_name ? "" : fmt::format(" as '{}'", t.entity);
  return fmt::format("{} ({}), {}; {}; entry {}{}{}{}: matched by {} '{}'{} (registry: '{}')", t.source, t.source_date,
                     t.kind, t.category, t.entry_key, as, dates, status, t.route, t.matched_text, via, t.registry_text);
}

// The entity's line above its sources: its names, key, and why its entries are one entity.
std::string EntityLine(const EntityTie& e) {
  std::string name = e.entity.empty() ? e.entity_key : e.entity;
  std::string zh = e.entity_zh.empty() ? "" : " " + e.entity_zh;
  size_t n = e.sources.size();
  return fmt::format("{}{} (entity {}): {} source{}{}", name, zh, e.entity_key, n, n == 1 ? "" : "s",
                     e.joined_by.empty() ? "" : fmt::format(", one entity by {}", e.joined_by));
}

// Each entity once, its sources listed under it; `detail` adds to each source line.
Block EntityList(const std::vector<EntityTie>& ties, const std::function<std::string(const Tie&)>& detail,
                 const std::string& prefix = "") {
  Block list{Block::Type::kList, 1, "", {}, {}, {}};
  for (const EntityTie& e : ties) {
    list.items.push_back(prefix + EntityLine(e));
    std::vector<std::string>& sources = list.subitems.emplace_back();
    for (const Tie& t : e.sources) sources.push_back(SourceLine(t, e.entity) + detail(t));
  }
  return list;
}

std::string HitLine(const VocabularyHit& h) {
  std::string field = h.field == "keyword" ? fmt::format("keyword {}", h.item) : h.field;
  return fmt::format("{}: '{}' in {} at {}-{} (\"{}\")", h.family, h.term, field, h.begin, h.end, h.text);
}

std::string InstitutionLine(const Institution& i) {
  return fmt::format("{} ({}{}{}), {} joint papers", i.name, i.id, i.ror.empty() ? "" : ", ROR " + i.ror,
                     i.country.empty() ? "" : ", " + i.country, i.joint_papers);
}

Block Heading(std::string text, int level = 2) { return {Block::Type::kHeading, level, std::move(text), {}, {}}; }
Block Para(std::string text) { return {Block::Type::kParagraph, 1, std::move(text), {}, {}}; }
Block List(std::vector<std::string> items) { return {Block::Type::kList, 1, "", std::move(items), {}}; }

void AddPaper(Doc& doc, const Paper& p) {
  doc.push_back(Heading(fmt::format("{} ({}) {}", p.id, p.year, p.title), 3));
  if (!p.doi.empty()) doc.push_back(Para("DOI: " + p.doi));
  doc.push_back(Para("Institutions: " + fmt::format("{}", fmt::join(p.institutions, "; "))));
  Block flags = EntityList(
      p.ties, [](const Tie& t) { return " — institution " + t.institution; }, "tie: ");
  for (const VocabularyHit& h : p.hits) flags.items.push_back("term: " + HitLine(h));
  if (flags.items.empty()) flags.items.push_back("no tie and no dual-use term found");
  doc.push_back(std::move(flags));
}

void AddCandidates(Doc& doc, const Report& r) {
  doc.push_back(Heading(r.kind == Report::Kind::kAmbiguous ? "Ambiguous: several institutions have this name"
                                                           : "Unknown: no institution in the database has this name or id"));
  doc.push_back(Para(r.candidates.empty() ? "No candidates share a word with the query."
                                          : "Candidates (not an answer: pick one and screen it by its OpenAlex id):"));
  std::vector<std::string> items;
  for (const Candidate& c : r.candidates) items.push_back(InstitutionLine(c.institution) + " — " + c.why);
  doc.push_back(List(std::move(items)));
}

Doc Layout(const Report& r) {
  Doc doc;
  static const char* kTitles[] = {"Partner", "Home institution", "Papers", "Partner", "Partner"};
  doc.push_back(Heading(fmt::format("entangle screen: {} '{}'", kTitles[static_cast<int>(r.kind)], r.query), 1));
  doc.push_back(Para(fmt::format("Database: {} (data {}). Registry: {}.", r.database, r.data_date, r.registry)));
  doc.push_back(Para(kCaveat));
  switch (r.kind) {
    case Report::Kind::kAmbiguous:
    case Report::Kind::kUnknown: AddCandidates(doc, r); break;
    case Report::Kind::kPartner: {
      doc.push_back(Heading("Who"));
      std::vector<std::string> who = {InstitutionLine(r.who)};
      if (!r.who.type.empty()) who.push_back("type: " + r.who.type);
      if (!r.who.other_names.empty()) who.push_back(fmt::format("other names: {}", fmt::join(r.who.other_names, "; ")));
      if (!r.who.lineage.empty()) who.push_back(fmt::format("part of: {}", fmt::join(r.who.lineage, "; ")));
      doc.push_back(List(std::move(who)));
      doc.push_back(Heading("Ties"));
      Block ties = EntityList(r.ties, [](const Tie& t) { return t.reason.empty() ? "" : ". Reason: " + t.reason; });
      if (ties.items.empty()) ties.items.push_back("none in the loaded registry (which is not a clearance)");
      doc.push_back(std::move(ties));
      doc.push_back(Heading("Primary topics of its joint papers"));
      Block topics{Block::Type::kTable, 1, "", {"topic", "papers"}, {}};
      for (const Count& c : r.topics) topics.rows.push_back({c.name, std::to_string(c.papers)});
      doc.push_back(std::move(topics));
      doc.push_back(Heading("Co-authoring institutions"));
      Block co{Block::Type::kTable, 1, "", {"institution", "id", "country", "papers"}, {}};
      for (const Count& c : r.co_institutions) co.rows.push_back({c.name, c.id, c.country, std::to_string(c.papers)});
      doc.push_back(std::move(co));
      doc.push_back(Heading(fmt::format("Latest joint papers ({} of {})", r.papers.size(), r.who.joint_papers)));
      for (const Paper& p : r.papers) AddPaper(doc, p);
      break;
    }
    case Report::Kind::kHome: {
      doc.push_back(Heading("Who"));
      doc.push_back(List({InstitutionLine(r.who)}));
      doc.push_back(Heading(fmt::format("Partners with ties, ranked by joint papers ({} shown; {} partners without a tie)",
                                        r.partners.size(), r.untied_partners)));
      for (const Partner& p : r.partners) {
        doc.push_back(Heading(InstitutionLine(p.institution), 3));
        Block items = EntityList(p.ties, [](const Tie& t) { return t.reason.empty() ? "" : ". Reason: " + t.reason; });
        items.items.push_back(fmt::format("latest joint papers: {}", fmt::join(p.example_papers, ", ")));
        doc.push_back(std::move(items));
      }
      break;
    }
    case Report::Kind::kWorks:
      for (const Paper& p : r.papers) AddPaper(doc, p);
      if (!r.not_found.empty()) {
        doc.push_back(Heading("Not in the study database"));
        doc.push_back(List(r.not_found));
      }
      break;
  }
  return doc;
}

Json TieJson(const Tie& t) {
  return {{"entry_key", t.entry_key}, {"entity", t.entity}, {"entity_zh", t.entity_zh}, {"kind", t.kind},
          {"category", t.category}, {"source", t.source}, {"source_date", t.source_date}, {"source_url", t.source_url},
          {"listed_on", t.listed_on}, {"delisted_on", t.delisted_on}, {"listing_status", t.listing_status},
          {"route", t.route}, {"matched_text", t.matched_text}, {"registry_text", t.registry_text},
          {"inherited_from", t.inherited_from}, {"institution_id", t.institution_id},
          {"institution", t.institution}, {"reason", t.reason}};
}

// An entity with its sources, each source with all its evidence.
Json EntityJson(const EntityTie& e) {
  Json sources = Json::array();
  for (const Tie& t : e.sources) sources.push_back(TieJson(t));
  return {{"entity_key", e.entity_key},
          {"entity", e.entity},
          {"entity_zh", e.entity_zh},
          {"joined_by", e.joined_by},
          {"sources", std::move(sources)}};
}

Json InstitutionJson(const Institution& i) {
  return {{"id", i.id}, {"ror", i.ror}, {"name", i.name}, {"country", i.country}, {"type", i.type},
          {"other_names", i.other_names}, {"lineage", i.lineage}, {"joint_papers", i.joint_papers}};
}

Json PaperJson(const Paper& p) {
  Json ties = Json::array(), hits = Json::array();
  for (const EntityTie& e : p.ties) ties.push_back(EntityJson(e));
  for (const VocabularyHit& h : p.hits) {
    hits.push_back({{"family", h.family}, {"term", h.term}, {"lang", h.lang}, {"field", h.field}, {"item", h.item},
                    {"begin", h.begin}, {"end", h.end}, {"text", h.text}});
  }
  return {{"id", p.id}, {"doi", p.doi}, {"title", p.title}, {"year", p.year}, {"institutions", p.institutions},
          {"ties", ties}, {"terms", hits}};
}

std::string ToJson(const Report& r) {
  static const char* kKinds[] = {"partner", "home", "works", "ambiguous", "unknown"};
  Json j = {{"kind", kKinds[static_cast<int>(r.kind)]}, {"query", r.query}, {"database", r.database},
            {"data_date", r.data_date}, {"registry", r.registry}, {"caveat", kCaveat}};
  if (r.kind == Report::Kind::kPartner || r.kind == Report::Kind::kHome) j["institution"] = InstitutionJson(r.who);
  Json ties = Json::array(), papers = Json::array(), topics = Json::array(), co = Json::array(), partners = Json::array(),
       candidates = Json::array();
  for (const EntityTie& e : r.ties) ties.push_back(EntityJson(e));
  for (const Paper& p : r.papers) papers.push_back(PaperJson(p));
  for (const Count& c : r.topics) topics.push_back({{"id", c.id}, {"name", c.name}, {"papers", c.papers}});
  for (const Count& c : r.co_institutions) {
    co.push_back({{"id", c.id}, {"name", c.name}, {"country", c.country}, {"papers", c.papers}});
  }
  for (const Partner& p : r.partners) {
    Json pt = Json::array();
    for (const EntityTie& e : p.ties) pt.push_back(EntityJson(e));
    partners.push_back({{"institution", InstitutionJson(p.institution)}, {"ties", pt}, {"example_papers", p.example_papers}});
  }
  for (const Candidate& c : r.candidates) candidates.push_back({{"institution", InstitutionJson(c.institution)}, {"why", c.why}});
  switch (r.kind) {
    case Report::Kind::kPartner:
      j["ties"] = ties;
      j["topics"] = topics;
      j["co_institutions"] = co;
      j["papers"] = papers;
      break;
    case Report::Kind::kHome:
      j["partners"] = partners;
      j["untied_partners"] = r.untied_partners;
      break;
    case Report::Kind::kWorks:
      j["papers"] = papers;
      j["not_found"] = r.not_found;
      break;
    default: j["candidates"] = candidates;
  }
  return j.dump(2) + "\n";
}

}  // namespace

Result<Format> ParseFormat(const std::string& name) {
  if (name == "text") return Format::kText;
  if (name == "markdown") return Format::kMarkdown;
  if (name == "json") return Format::kJson;
  if (name == "html") return Format::kHtml;
  return Status::InvalidArgument("format must be text, markdown, json or html, not '" + name + "'");
}

std::string Render(const Report& report, Format format) {
  switch (format) {
    case Format::kJson: return ToJson(report);
    case Format::kMarkdown: return WriteMarkdown(Layout(report));
    case Format::kHtml: return WriteHtml(Layout(report), "entangle screen: " + report.query);
    case Format::kText: break;
  }
  return WriteText(Layout(report));
}

}  // namespace entangle::screen
