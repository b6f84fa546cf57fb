// Render(): the layout of each screening answer, and its JSON form. A partner's answer is a dossier
// a research-security officer can print and file: who it is, its ties gravest first (designations
// apart from assessments), each with its evidence in words (source, the source's date, the route
// and the matched text), its joint papers by title with their dual-use terms marked, and the
// caveats. Text, Markdown and HTML carry the same content (render_doc.h).
#include <fmt/format.h>

#include <fmt/ranges.h>
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "screen/render_doc.h"
#include "screen/render_links.h"
#include "screen/screen.h"

namespace entangle::screen {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kCaveat =
    "A tie is a prompt for due diligence, not a verdict: it says which list or assessment names the institution "
    "(or an ancestor in its lineage), of what date and why. Assessments are analysts' judgements; designations are "
    "government acts. A missing tie does not mean a partner is safe (docs/screening.md).";

// The limits of what screening sees (docs/screening.md, Caveats), under every dossier.
constexpr const char* kCoverage[] = {
    "The registry covers what its sources cover: the ASPI data is a 2020 snapshot and the curated list is small; "
    "government lists are as current as the copy loaded, and none is shipped (docs/risk.md).",
    "Papers of a lab or campus are listed under the lab, not its parent: screen the lab too (its lineage and "
    "inherited ties are shown).",
    "Names never match across countries or by acronym, so an institution recorded without a country matches only "
    "by its OpenAlex or ROR id.",
    "The screening tables are a snapshot of the study database at analyze time; re-run analyze after a new scan.",
};

std::string OpenAlexUrl(const std::string& id) { return "https://openalex.org/" + id; }
std::string RorUrl(const std::string& id) { return "https://ror.org/" + id; }
std::string DoiUrl(const std::string& doi) { return "https://doi.org/" + doi; }

// "2020-08" -> "Aug 2020", "2026-11-28" -> "28 Nov 2026"; other forms as given.
std::string HumanDate(const std::string& date) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto digits = [&](size_t from, size_t n) {
    if (date.size() < from + n) return false;
    return std::all_of(date.begin() + from, date.begin() + from + n, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(0, 4) || (date.size() != 7 && date.size() != 10) || date[4] != '-' || !digits(5, 2)) return date;
  int month = std::stoi(date.substr(5, 2));
  if (month < 1 || month > 12) return date;
  std::string month_year = fmt::format("{} {}", kMonths[month - 1], date.substr(0, 4));
  if (date.size() == 7) return month_year;
  if (date[7] != '-' || !digits(8, 2)) return date;
  return fmt::format("{} {}", std::stoi(date.substr(8, 2)), month_year);
}

// What the source says the institution is, in words ("one of the Seven Sons of National Defence").
std::string CategoryPhrase(const std::string& category) {
  if (category == "seven_sons") return "one of the Seven Sons of National Defence";
  if (category == "pla") return "an institution of the People's Liberation Army";
  if (category == "pap") return "an institution of the People's Armed Police";
  if (category == "mps") return "a university or institute of the Ministry of Public Security";
  if (category == "mss") return "an institution of the Ministry of State Security";
  if (category == "security") return "a security body";
  if (category == "defence_industry") return "a state defence-industry conglomerate or one of its academies";
  if (category == "defence_linked") return "a civilian institution with defence or security links";
  if (category == "us_1260h") return "a Chinese military company (DoD Section 1260H list)";
  if (category == "us_ndaa_1286") return "a foreign institution of concern (NDAA FY2019 Section 1286 list)";
  if (category == "us_csl_el") return "an entity on the US Entity List";
  if (category == "us_csl_meu") return "a military end user (US Military End-User List)";
  if (category == "us_csl_sdn") return "a Specially Designated National (US Treasury, OFAC)";
  if (category == "us_csl_cmic") return "a Chinese military-industrial complex company (US Treasury, OFAC)";
  if (category.rfind("us_csl_", 0) == 0) return "an entity on the US Consolidated Screening List (" + category + ")";
  return "category " + category;
}

// A designation's legal effect: the sentence of data/risk/legal-effects.csv with the notice it
// paraphrases as a link, only the link where the notice's text was not checked, and never a
// sentence without its notice.
Line LegalEffectLine(const Tie& t) {
  if (t.legal_notice_url.empty())
    return Plain(" Legal effect: not recorded for this list (data/risk/legal-effects.csv).");
  std::string effect = t.legal_effect;  // "…, save for the few the rule names (15 CFR 744.16…)."
  if (!effect.empty() && effect.back() == '.') effect.pop_back();
  Line line = Plain(effect.empty() ? " Legal effect: see " : " Legal effect: " + effect + " (");
  line.push_back(Link(t.legal_notice.empty() ? t.legal_notice_url : t.legal_notice, t.legal_notice_url, "print-url"));
  line.push_back(Text(t.legal_effect.empty() ? "." : ")."));
  return line;
}

std::string SeverityCss(risk::TieSeverity s) { return "sev-" + std::string(risk::SeverityName(s)); }
Span SeverityBadge(risk::TieSeverity s) { return Badge(std::string(risk::SeverityLabel(s)), SeverityCss(s)); }
risk::TieSeverity SeverityOfTie(const Tie& t) { return risk::SeverityOf(t.kind, t.category, t.delisted_on); }

// How a tie matched, in words, with the matched text ("matched by its ROR id 00wk2mp56").
Line RouteWords(const std::string& route, const std::string& matched, const std::string& registry) {
  if (route == "openalex_id") return {Text("matched by its OpenAlex id "), Link(matched, OpenAlexUrl(matched))};
  if (route == "ror") return {Text("matched by its ROR id "), Link(matched, RorUrl(matched))};
  if (route == "name") {
    return Plain(
        matched == registry || registry.empty()
            ? fmt::format("matched by its exact name \u201c{}\u201d", matched)
            : fmt::format("matched by its exact name \u201c{}\u201d (registry: \u201c{}\u201d)", matched, registry));
  }
  if (route == "alias") {
    return Plain(
        fmt::format("matched by its name \u201c{}\u201d, which the registry records as a name of the entity "
                    "(\u201c{}\u201d)",
                    matched, registry));
  }
  return Plain(fmt::format("matched by {} \u201c{}\u201d (registry: \u201c{}\u201d)", route, matched, registry));
}

Line TieRoute(const Tie& t) {
  if (t.route != "lineage") return RouteWords(t.route, t.matched_text, t.registry_text);
  Line line = Plain(fmt::format("inherited through its OpenAlex lineage from {}, which is ", t.inherited_from));
  Line ancestor =
      RouteWords(t.ancestor_route.empty() ? "openalex_id" : t.ancestor_route, t.matched_text, t.registry_text);
  line.insert(line.end(), ancestor.begin(), ancestor.end());
  return line;
}

// The evidence of one source in plain words: "Listed by the ASPI China Defence Universities Tracker
// (Aug 2020) as one of the Seven Sons of National Defence; matched by its ROR id 00wk2mp56."
Line Evidence(const Tie& t, const std::string& entity_name) {
  std::string as = t.entity.empty() || t.entity == entity_name ? "" : fmt::format(" (as \u201c{}\u201d)", t.entity);
  Line line;
  if (t.kind == "designation") {
    std::string dates = fmt::format("listed {}{}", t.listed_on.empty() ? "(date not given)" : HumanDate(t.listed_on),
                                    t.delisted_on.empty() ? "" : ", removed " + HumanDate(t.delisted_on));
    std::string status = t.listing_status.empty() ? "" : fmt::format(" ({} in the paper's year)", t.listing_status);
    line = Plain(fmt::format("Designated{} by the {} (copy of {}) as {}; {}{}; ", as, t.source,
                             HumanDate(t.source_date), CategoryPhrase(t.category), dates, status));
  } else {
    line = Plain(fmt::format("Listed{} by the {} ({}) as {}; ", as, t.source, HumanDate(t.source_date),
                             CategoryPhrase(t.category)));
  }
  Line route = TieRoute(t);
  line.insert(line.end(), route.begin(), route.end());
  line.push_back(Text("."));
  if (t.kind == "designation") {
    Line effect = LegalEffectLine(t);
    line.insert(line.end(), effect.begin(), effect.end());
  }
  return line;
}

// The record behind the sentence: the registry entry, its codes, the reason and the source's page.
Line EvidenceDetail(const Tie& t) {
  auto detail = [](std::string text) { return Span{Span::Kind::kText, std::move(text), "", "detail"}; };
  Line line = {detail(fmt::format("Entry {}; {}; category {}; route {}; source date {}", t.entry_key, t.kind,
                                  t.category, t.route, t.source_date))};
  if (!t.source_url.empty()) {
    line.push_back(detail("; "));
    line.push_back(Link("the source's entry", t.source_url, "print-url"));
  }
  line.push_back(detail("."));
  if (!t.reason.empty()) line.push_back(detail(" Reason given: " + t.reason));
  return line;
}

// The entity's line above its sources: severity, names, key, and why its entries are one entity.
Line EntityLine(const EntityTie& e, risk::TieSeverity severity) {
  std::string name = e.entity.empty() ? e.entity_key : e.entity;
  std::string zh = e.entity_zh.empty() ? "" : " " + e.entity_zh;
  size_t n = e.sources.size();
  return {SeverityBadge(severity),
          Text(fmt::format("{}{} (entity {}): {} source{}{}", name, zh, e.entity_key, n, n == 1 ? "" : "s",
                           e.joined_by.empty() ? "" : fmt::format(", one entity by {}", e.joined_by)))};
}

// Entities with their sources of one kind ("designation", "assessment"; "" for all), gravest first.
Block TieList(const std::vector<EntityTie>& ties, const std::string& kind, bool with_detail,
              const std::function<void(const Tie&, std::vector<Line>&)>& more = nullptr) {
  struct Kept {
    EntityTie entity;
    risk::TieSeverity severity;
  };
  std::vector<Kept> kept;
  for (const EntityTie& e : ties) {
    Kept k{e, risk::TieSeverity::kOther};
    k.entity.sources.clear();
    for (const Tie& t : e.sources) {
      if (!kind.empty() && t.kind != kind) continue;
      k.entity.sources.push_back(t);
      k.severity = std::min(k.severity, SeverityOfTie(t));
    }
    if (!k.entity.sources.empty()) kept.push_back(std::move(k));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.severity < b.severity; });
  Block list{Block::Type::kList};
  list.css = "ties";
  for (const Kept& k : kept) {
    list.items.push_back(EntityLine(k.entity, k.severity));
    std::vector<Line>& lines = list.subitems.emplace_back();
    for (const Tie& t : k.entity.sources) {
      lines.push_back(Evidence(t, k.entity.entity));
      if (with_detail) lines.push_back(EvidenceDetail(t));
      if (more) more(t, lines);
    }
  }
  return list;
}

// The title with its dual-use terms marked (title hits, overlapping spans merged).
Line MarkedTitle(const Paper& p) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const risk::VocabularyHit& h : p.hits) {
    if (h.field == "title" && h.begin < h.end && h.end <= p.title.size()) spans.emplace_back(h.begin, h.end);
  }
  std::sort(spans.begin(), spans.end());
  Line line;
  size_t at = 0;
  for (size_t i = 0; i < spans.size();) {
    size_t begin = spans[i].first, end = spans[i].second;
    for (++i; i < spans.size() && spans[i].first < end; ++i) end = std::max(end, spans[i].second);
    if (begin < at) begin = at;
    if (begin > at) line.push_back(Text(p.title.substr(at, begin - at)));
    if (end > begin) line.push_back(Mark(p.title.substr(begin, end - begin)));
    at = std::max(at, end);
  }
  if (at < p.title.size()) line.push_back(Text(p.title.substr(at)));
  if (p.title.empty()) line.push_back(Text("(no title recorded)"));
  return line;
}

}  // namespace

// "2021 · DOI 10.1109/... · OpenAlex W3170841864"
Line PaperLinks(const Paper& p) {
  Line line = Plain(p.year > 0 ? std::to_string(p.year) : "year unknown");
  if (!p.doi.empty()) {
    line.push_back(Text(" \u00b7 "));
    line.push_back(Link("DOI " + p.doi, DoiUrl(p.doi)));
  }
  line.push_back(Text(" \u00b7 "));
  line.push_back(Link("OpenAlex " + p.id, OpenAlexUrl(p.id)));
  return line;
}

namespace {

// The paper's terms in words: "Dual-use terms: video surveillance (biometric_surveillance; title)".
std::string TermsLine(const Paper& p) {
  std::vector<std::string> terms;
  std::set<std::string> seen;
  for (const risk::VocabularyHit& h : p.hits) {
    std::string field = h.field == "keyword" ? "keyword" : h.field;
    std::string term = fmt::format("{} ({}; {})", h.term, h.family, field);
    if (seen.insert(term).second) terms.push_back(term);
  }
  return fmt::format("Dual-use terms: {}", fmt::join(terms, ", "));
}

void Facts(std::vector<std::string>& labels, std::vector<Line>& values, const std::string& label, Line value) {
  labels.push_back(label);
  values.push_back(std::move(value));
}

// Who it is: names in English and Chinese, ids with links, country, type, lineage.
Block WhoFacts(const Institution& i, bool with_papers) {
  Block b{Block::Type::kFacts};
  Facts(b.columns, b.items, "Name", Plain(i.name.empty() ? "(no name recorded)" : i.name));
  Facts(b.columns, b.items, "Chinese name", Plain(i.name_zh.empty() ? "none recorded" : i.name_zh));
  Facts(b.columns, b.items, "OpenAlex", i.id.empty() ? Plain("none") : Line{Link(i.id, OpenAlexUrl(i.id))});
  Facts(b.columns, b.items, "ROR", i.ror.empty() ? Plain("none recorded") : Line{Link(i.ror, RorUrl(i.ror))});
  Facts(b.columns, b.items, "Country", Plain(i.country.empty() ? "country unknown" : i.country));
  if (!i.type.empty()) Facts(b.columns, b.items, "Type", Plain(i.type));
  Line lineage;
  for (size_t k = 0; k < i.lineage.size(); ++k) {
    if (k > 0) lineage.push_back(Text("; "));
    const std::string& id = k < i.lineage_ids.size() ? i.lineage_ids[k] : "";
    if (id.empty()) {
      lineage.push_back(Text(i.lineage[k]));
    } else {
      lineage.push_back(Link(i.lineage[k], OpenAlexUrl(id)));
    }
  }
  Facts(b.columns, b.items, "Part of", lineage.empty() ? Plain("no parent institution recorded") : lineage);
  std::vector<std::string> others;
  for (const std::string& n : i.other_names) {
    if (n != i.name && n != i.name_zh) others.push_back(n);
  }
  if (!others.empty()) Facts(b.columns, b.items, "Other names", Plain(fmt::format("{}", fmt::join(others, "; "))));
  if (with_papers) Facts(b.columns, b.items, "Joint papers", Plain(std::to_string(i.joint_papers)));
  return b;
}

void AddCaveats(Doc& doc) {
  doc.push_back(Section("caveats"));
  doc.push_back(Heading("Caveats"));
  doc.push_back(Para(kCaveat, "caveat"));
  std::vector<Line> items;
  for (const char* c : kCoverage) items.push_back(Plain(c));
  doc.push_back(List(std::move(items)));
  doc.push_back(EndSection());
}

void AddProvenance(Doc& doc, const Report& r) {
  doc.push_back(Para(fmt::format("Screened for \u201c{}\u201d in {} (data of {}) against {}.", r.query, r.database,
                                 r.data_date.empty() ? "an unknown date" : r.data_date, r.registry),
                     "meta"));
}

// The two kinds of tie, apart: designations (government acts) and assessments (analysts' judgements).
void AddTies(Doc& doc, const std::vector<EntityTie>& ties, int level) {
  Block designations = TieList(ties, "designation", true);
  Block assessments = TieList(ties, "assessment", true);
  doc.push_back(Heading("Ties: designations (government acts)", level));
  if (designations.items.empty()) {
    doc.push_back(Para(
        "No government designation in the loaded registry names it. The shipped registry holds no government list: "
        "load a current copy with --registry (docs/risk.md).",
        "empty"));
  } else {
    doc.push_back(std::move(designations));
  }
  doc.push_back(Heading("Ties: assessments (analysts' judgements)", level));
  if (assessments.items.empty()) {
    doc.push_back(Para("No assessment in the loaded registry names it (which is not a clearance).", "empty"));
  } else {
    doc.push_back(std::move(assessments));
  }
}

std::string SummaryOf(const std::vector<EntityTie>& ties) {
  if (ties.empty()) return "No tie in the loaded registry (which is not a clearance).";
  size_t designations = 0, assessments = 0;
  for (const EntityTie& e : ties) {
    for (const Tie& t : e.sources) (t.kind == "designation" ? designations : assessments)++;
  }
  auto count = [](size_t n, const char* what) {
    return n == 0 ? fmt::format("no {}", what) : fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
  };
  return fmt::format("Gravest tie: {}. {} tied entit{}, named by {} and {}.",
                     risk::SeverityLabel(ties.front().severity), ties.size(), ties.size() == 1 ? "y" : "ies",
                     count(designations, "designation"), count(assessments, "assessment"));
}

void AddPartner(Doc& doc, const Report& r) {
  const Institution& who = r.who;
  doc.push_back(Section("dossier"));
  doc.push_back(Para({Strong("Summary."), Text(" " + SummaryOf(r.ties) +
                                               fmt::format(" {} joint paper{} in the study.", who.joint_papers,
                                                           who.joint_papers == 1 ? "" : "s"))},
                     "summary"));
  doc.push_back(Heading("Who it is"));
  doc.push_back(WhoFacts(who, true));
  AddTies(doc, r.ties, 2);
  doc.push_back(EndSection());

  doc.push_back(Section("page papers"));
  doc.push_back(Heading(fmt::format("Joint papers (the latest {} of {})", r.papers.size(), who.joint_papers)));
  if (r.papers.empty()) {
    doc.push_back(Para("No joint paper of the study lists it.", "empty"));
  } else {
    std::set<std::string> own;
    for (const EntityTie& e : r.ties) own.insert(e.entity_key);
    Block papers = List({}, "papers", true);
    for (const Paper& p : r.papers) {
      papers.items.push_back(MarkedTitle(p));
      std::vector<Line>& lines = papers.subitems.emplace_back();
      lines.push_back(PaperLinks(p));
      if (!p.hits.empty()) lines.push_back(Plain(TermsLine(p)));
      if (!p.institutions.empty())
        lines.push_back(Plain(fmt::format("Institutions: {}", fmt::join(p.institutions, "; "))));
      std::vector<std::string> others;
      for (const EntityTie& e : p.ties) {
        if (own.count(e.entity_key) == 0) {
          others.push_back(
              fmt::format("{} ({})", e.entity.empty() ? e.entity_key : e.entity, risk::SeverityLabel(e.severity)));
        }
      }
      if (!others.empty())
        lines.push_back(Plain(fmt::format("Other tied institutions on it: {}", fmt::join(others, "; "))));
    }
    doc.push_back(std::move(papers));
  }
  doc.push_back(Heading("Primary topics of its joint papers"));
  if (r.topics.empty()) {
    doc.push_back(Para("No primary topic is recorded for its joint papers.", "empty"));
  } else {
    Block topics{Block::Type::kTable};
    topics.columns = {"topic", "papers"};
    for (const Count& c : r.topics) topics.rows.push_back({Plain(c.name), Plain(std::to_string(c.papers))});
    doc.push_back(std::move(topics));
  }
  doc.push_back(Heading("Co-authoring institutions"));
  if (r.co_institutions.empty()) {
    doc.push_back(Para("It co-authors with no other institution in the study.", "empty"));
  } else {
    Block co{Block::Type::kTable};
    co.columns = {"institution", "id", "country", "papers"};
    for (const Count& c : r.co_institutions) {
      co.rows.push_back({Plain(c.name), c.id.empty() ? Plain("") : Line{Link(c.id, OpenAlexUrl(c.id))},
                         Plain(c.country.empty() ? "unknown" : c.country), Plain(std::to_string(c.papers))});
    }
    doc.push_back(std::move(co));
  }
  doc.push_back(EndSection());
  AddPartnerLinkSections(doc, r);
}

std::string InstitutionLine(const Institution& i) {
  return fmt::format("{} ({}{}{}), {} joint paper{}", i.name, i.id, i.ror.empty() ? "" : ", ROR " + i.ror,
                     i.country.empty() ? "" : ", " + i.country, i.joint_papers, i.joint_papers == 1 ? "" : "s");
}

void AddHome(Doc& doc, const Report& r) {
  doc.push_back(Heading("Who it is"));
  doc.push_back(WhoFacts(r.who, true));
  doc.push_back(
      Heading(fmt::format("Partners with ties, gravest tie first, then by joint papers ({} shown; {} "
                          "partner{} without a tie)",
                          r.partners.size(), r.untied_partners, r.untied_partners == 1 ? "" : "s")));
  if (r.partners.empty()) {
    doc.push_back(Para(fmt::format("None of its {} partners on the study's partner side has a tie in the loaded "
                                   "registry (which is not a clearance).",
                                   r.untied_partners),
                       "empty"));
  }
  for (size_t n = 0; n < r.partners.size(); ++n) {
    const Partner& p = r.partners[n];
    const Institution& i = p.institution;
    doc.push_back(Section(n == 0 ? "partner" : "partner page"));
    Block heading{Block::Type::kHeading};
    heading.level = 3;
    heading.text = {Text(fmt::format("{}. ", n + 1)), SeverityBadge(p.severity), Text(i.name)};
    doc.push_back(std::move(heading));
    Line facts =
        Plain(fmt::format("{} joint paper{} with {}; ", i.joint_papers, i.joint_papers == 1 ? "" : "s", r.who.name));
    if (!i.id.empty()) facts.push_back(Link("OpenAlex " + i.id, OpenAlexUrl(i.id)));
    if (!i.ror.empty()) {
      facts.push_back(Text(" \u00b7 "));
      facts.push_back(Link("ROR " + i.ror, RorUrl(i.ror)));
    }
    facts.push_back(Text(" \u00b7 " + (i.country.empty() ? std::string("country unknown") : i.country)));
    doc.push_back(Para(std::move(facts), "detail"));
    doc.push_back(TieList(p.ties, "", true));
    if (Line links = HomePartnerLinksLine(r, i); !links.empty()) doc.push_back(Para(std::move(links)));
    doc.push_back(Para(fmt::format("Its latest joint papers with {}:", r.who.name)));
    Block papers = List({}, "papers", true);
    for (const Paper& paper : p.example_papers) {
      papers.items.push_back(MarkedTitle(paper));
      papers.subitems.push_back({PaperLinks(paper)});
    }
    if (papers.items.empty()) {
      doc.push_back(Para("None found.", "empty"));
    } else {
      doc.push_back(std::move(papers));
    }
    doc.push_back(EndSection());
  }
  AddHomeLinkSection(doc, r);
}

void AddWorks(Doc& doc, const Report& r) {
  if (r.papers.empty()) doc.push_back(Para("None of the ids given is in the study database.", "empty"));
  for (const Paper& p : r.papers) {
    doc.push_back(Section("paper"));
    Block heading{Block::Type::kHeading};
    heading.level = 2;
    heading.text = MarkedTitle(p);
    doc.push_back(std::move(heading));
    doc.push_back(Para(PaperLinks(p), "detail"));
    doc.push_back(Para(fmt::format("Institutions: {}", fmt::join(p.institutions, "; "))));
    doc.push_back(Para(p.hits.empty() ? "Dual-use terms: none found." : TermsLine(p)));
    if (p.ties.empty()) {
      doc.push_back(Para("No institution on the paper has a tie in the loaded registry.", "empty"));
    } else {
      doc.push_back(TieList(p.ties, "", true, [](const Tie& t, std::vector<Line>& lines) {
        lines.push_back(Plain("Tied institution on the paper: " + t.institution));
      }));
    }
    doc.push_back(EndSection());
  }
  if (!r.not_found.empty()) {
    doc.push_back(Heading("Not in the study database"));
    std::vector<Line> items;
    for (const std::string& id : r.not_found) items.push_back(Plain(id));
    doc.push_back(List(std::move(items)));
  }
}

void AddCandidates(Doc& doc, const Report& r) {
  doc.push_back(Heading(r.kind == Report::Kind::kAmbiguous
                            ? "Ambiguous: several institutions have this name"
                            : "Unknown: no institution in the database has this name or id"));
  doc.push_back(Para(r.candidates.empty() ? "No candidates share a word with the query."
                                          : "Candidates (not an answer: pick one and screen it by its OpenAlex id):"));
  std::vector<Line> items;
  for (const Candidate& c : r.candidates) items.push_back(Plain(InstitutionLine(c.institution) + " \u2014 " + c.why));
  if (!items.empty()) doc.push_back(List(std::move(items)));
}

std::string TitleOf(const Report& r) {
  switch (r.kind) {
    case Report::Kind::kPartner: return "Partner dossier: " + r.who.name;
    case Report::Kind::kHome: return "Home institution: " + r.who.name;
    case Report::Kind::kWorks: return "Papers screened";
    case Report::Kind::kAmbiguous:
    case Report::Kind::kUnknown: break;
  }
  return "Partner \u201c" + r.query + "\u201d";
}

Doc Layout(const Report& r) {
  Doc doc;
  Block title{Block::Type::kHeading};
  title.text = Plain(TitleOf(r));
  if (r.kind == Report::Kind::kPartner && !r.who.name_zh.empty()) title.text.push_back(Text(" " + r.who.name_zh));
  doc.push_back(std::move(title));
  AddProvenance(doc, r);
  switch (r.kind) {
    case Report::Kind::kAmbiguous:
    case Report::Kind::kUnknown:
      doc.push_back(Para(kCaveat, "caveat"));
      AddCandidates(doc, r);
      return doc;
    case Report::Kind::kPartner: AddPartner(doc, r); break;
    case Report::Kind::kHome: AddHome(doc, r); break;
    case Report::Kind::kWorks: AddWorks(doc, r); break;
  }
  AddCaveats(doc);
  return doc;
}

Json TieJson(const Tie& t) {
  return {{"entry_key", t.entry_key},
          {"entity", t.entity},
          {"entity_zh", t.entity_zh},
          {"kind", t.kind},
          {"category", t.category},
          {"severity", risk::SeverityName(SeverityOfTie(t))},
          {"source", t.source},
          {"source_date", t.source_date},
          {"source_url", t.source_url},
          {"listed_on", t.listed_on},
          {"delisted_on", t.delisted_on},
          {"listing_status", t.listing_status},
          {"route", t.route},
          {"matched_text", t.matched_text},
          {"registry_text", t.registry_text},
          {"inherited_from", t.inherited_from},
          {"ancestor_route", t.ancestor_route},
          {"institution_id", t.institution_id},
          {"institution", t.institution},
          {"legal_effect", t.legal_effect},
          {"legal_notice", t.legal_notice},
          {"legal_notice_url", t.legal_notice_url},
          {"evidence", PlainText(Evidence(t, t.entity))},
          {"reason", t.reason}};
}

// An entity with its sources, each source with all its evidence.
Json EntityJson(const EntityTie& e) {
  Json sources = Json::array();
  for (const Tie& t : e.sources) sources.push_back(TieJson(t));
  return {{"entity_key", e.entity_key},
          {"entity", e.entity},
          {"entity_zh", e.entity_zh},
          {"joined_by", e.joined_by},
          {"severity", risk::SeverityName(e.severity)},
          {"sources", std::move(sources)}};
}

Json InstitutionJson(const Institution& i) {
  return {{"id", i.id},
          {"ror", i.ror},
          {"name", i.name},
          {"name_zh", i.name_zh},
          {"country", i.country},
          {"type", i.type},
          {"other_names", i.other_names},
          {"lineage", i.lineage},
          {"lineage_ids", i.lineage_ids},
          {"joint_papers", i.joint_papers}};
}

Json HitsJson(const std::vector<risk::VocabularyHit>& hits) {
  Json out = Json::array();
  for (const risk::VocabularyHit& h : hits) {
    out.push_back({{"family", h.family},
                   {"term", h.term},
                   {"lang", h.lang},
                   {"field", h.field},
                   {"item", h.item},
                   {"begin", h.begin},
                   {"end", h.end},
                   {"text", h.text}});
  }
  return out;
}

Json PaperJson(const Paper& p) {
  Json ties = Json::array();
  for (const EntityTie& e : p.ties) ties.push_back(EntityJson(e));
  return {{"id", p.id},
          {"doi", p.doi},
          {"title", p.title},
          {"year", p.year},
          {"institutions", p.institutions},
          {"ties", ties},
          {"terms", HitsJson(p.hits)}};
}

std::string ToJson(const Report& r) {
  static const char* kKinds[] = {"partner", "home", "works", "ambiguous", "unknown"};
  Json j = {{"kind", kKinds[static_cast<int>(r.kind)]},
            {"query", r.query},
            {"database", r.database},
            {"data_date", r.data_date},
            {"registry", r.registry},
            {"caveat", kCaveat}};
  if (r.kind == Report::Kind::kPartner || r.kind == Report::Kind::kHome) j["institution"] = InstitutionJson(r.who);
  Json ties = Json::array(), papers = Json::array(), topics = Json::array(), co = Json::array(),
       partners = Json::array(), candidates = Json::array();
  for (const EntityTie& e : r.ties) ties.push_back(EntityJson(e));
  for (const Paper& p : r.papers) papers.push_back(PaperJson(p));
  for (const Count& c : r.topics) topics.push_back({{"id", c.id}, {"name", c.name}, {"papers", c.papers}});
  for (const Count& c : r.co_institutions) {
    co.push_back({{"id", c.id}, {"name", c.name}, {"country", c.country}, {"papers", c.papers}});
  }
  for (const Partner& p : r.partners) {
    Json pt = Json::array(), examples = Json::array();
    for (const EntityTie& e : p.ties) pt.push_back(EntityJson(e));
    for (const Paper& paper : p.example_papers) {
      examples.push_back({{"id", paper.id},
                          {"doi", paper.doi},
                          {"title", paper.title},
                          {"year", paper.year},
                          {"terms", HitsJson(paper.hits)}});
    }
    partners.push_back({{"institution", InstitutionJson(p.institution)},
                        {"severity", risk::SeverityName(p.severity)},
                        {"ties", pt},
                        {"example_papers", examples}});
  }
  for (const Candidate& c : r.candidates)
    candidates.push_back({{"institution", InstitutionJson(c.institution)}, {"why", c.why}});
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
  if (r.kind == Report::Kind::kPartner || r.kind == Report::Kind::kHome) AddLinksJson(r, j);
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
    case Format::kHtml: return WriteHtml(Layout(report), "entangle screen: " + TitleOf(report));
    case Format::kText: break;
  }
  return WriteText(Layout(report));
}

}  // namespace entangle::screen
