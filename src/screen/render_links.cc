// Labs and researchers on both sides in a partner's dossier and a home's partner list: what each
// lab is (kind, owners, host, the registry's source), on which papers and on what evidence; who
// holds both sides on one paper, by OpenAlex author id, with the papers. What these count and what
// they do not infer is said on the page (docs/labs.md).
#include "screen/render_links.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace entangle::screen {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kResearchersInCell = 6;  // author ids named per partner in the home table

constexpr const char* kLabsMeaning =
    "A lab here is one of the labs registry (corporate labs abroad and at home, joint public labs, joint "
    "company\u2013university labs; curated from public pages) that entangle analyze matched on one of the "
    "institution's joint papers, on evidence only: an institution's OpenAlex or ROR id, an id in its OpenAlex lineage, "
    "or an exact normalised name (the institution's display name, or whole comma-separated parts of an author's raw "
    "affiliation string) \u2014 never a substring, an acronym alone or anything fuzzy (docs/labs.md). It says where "
    "authors of a paper sit; it is not a finding about the institution.";

constexpr const char* kResearchersNotInferred =
    "People are told apart by OpenAlex author id only (each links to its OpenAlex record): two ids are two people "
    "whatever their names, and an authorship without an id is a person of its own, never merged with another. Names "
    "are shown as OpenAlex gives them and never compared. This counts affiliations stated on the papers; it infers "
    "nothing about nationality, ethnicity, residence or employer. A dual affiliation may be a visiting post, a joint "
    "appointment, a company's lab in the other country or an OpenAlex assignment error, and OpenAlex can split one "
    "person into several ids (docs/labs.md).";

std::string OpenAlexUrl(const std::string& id) { return "https://openalex.org/" + id; }

std::string KindWords(const std::string& kind) {
  if (kind == "joint_public_lab") return "joint public lab";
  if (kind == "corporate_lab_abroad") return "company lab abroad";
  if (kind == "corporate_lab_home") return "company lab at home";
  if (kind == "joint_company_university_lab") return "joint company\u2013university lab";
  return kind.empty() ? "kind not recorded" : kind;
}

std::string Plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string PaperTitle(const Paper& p) { return p.title.empty() ? "(no title recorded)" : p.title; }

// "Title — 2021 · DOI … · OpenAlex W…"
Line PaperLine(const Paper& p) {
  Line line = Plain(PaperTitle(p) + " \u2014 ");
  Line links = PaperLinks(p);
  line.insert(line.end(), links.begin(), links.end());
  return line;
}

Line AuthorLink(const DualResearcher& r) {
  if (r.author_id.empty()) return Plain(r.name.empty() ? "(no author id, no name)" : r.name + " (no author id)");
  Line line = {Link(r.author_id, OpenAlexUrl(r.author_id))};
  if (!r.name.empty()) line.push_back(Text(" " + r.name));
  return line;
}

// The institution's part in a lab's paper, in words.
std::string RoleWords(const std::string& role, const std::string& who) {
  if (role == "lab") return who + " itself matched the lab on this paper.";
  if (role == "author") return "An author at " + who + " names the lab in their affiliation on this paper.";
  if (role == "partner") return who + " is the lab's partner on the other side on this paper.";
  return who + " is on the paper, not as the lab's partner on the other side.";
}

// One piece of evidence of a lab match, in words, with the matched text.
Line EvidenceLine(const LabEvidence& e) {
  auto quoted = [](const std::string& s) { return "\u201c" + s + "\u201d"; };
  if (e.evidence == "openalex_id") {
    return {Text("Matched by OpenAlex id "), Link(e.matched_text, OpenAlexUrl(e.matched_text)),
            Text(" (" + e.where + "), the lab's own record.")};
  }
  if (e.evidence == "ror_id") {
    return {Text("Matched by ROR id "), Link(e.matched_text, "https://ror.org/" + e.matched_text),
            Text(" (" + e.where + "), the lab's own record.")};
  }
  if (e.evidence == "lineage") {
    return {Text("Matched by the lab's OpenAlex id "), Link(e.matched_text, OpenAlexUrl(e.matched_text)),
            Text(" in the lineage of " + e.where + " (a group inside the lab).")};
  }
  if (e.evidence == "display_name") {
    return Plain(fmt::format("Matched by the institution name {} of {}, equal to the lab's name {}.",
                             quoted(e.matched_text), e.where, quoted(e.lab_text)));
  }
  Line line = Plain("Matched by the raw affiliation " + quoted(e.raw_affiliation) + " of ");
  if (e.where.rfind("author A", 0) == 0) {
    std::string id = e.where.substr(7);
    line.push_back(Text("author "));
    line.push_back(Link(id, OpenAlexUrl(id)));
  } else {
    line.push_back(Text(e.where));
  }
  line.push_back(
      Text(fmt::format(": its part {} equals the lab's name {}.", quoted(e.matched_text), quoted(e.lab_text))));
  return line;
}

void Fact(Block& facts, const std::string& label, Line value) {
  facts.columns.push_back(label);
  facts.items.push_back(std::move(value));
}

void AddLab(Doc& doc, const LabLink& lab, const Report& r) {
  Block heading{Block::Type::kHeading};
  heading.level = 3;
  heading.text = Plain(lab.name.empty() ? lab.key : lab.name);
  if (!lab.name_zh.empty()) heading.text.push_back(Text(" " + lab.name_zh));
  doc.push_back(std::move(heading));
  Block facts{Block::Type::kFacts};
  Fact(facts, "Kind", Plain(KindWords(lab.kind)));
  Fact(facts, "Owner",
       Plain(lab.owners.empty() ? "not known (the lab is not in the labs registry read)"
                                : fmt::format("{}", fmt::join(lab.owners, "; "))));
  if (!lab.partners.empty())
    Fact(facts, "Partners (registry)", Plain(fmt::format("{}", fmt::join(lab.partners, "; "))));
  std::string host = lab.city.empty() ? lab.host_country : fmt::format("{}, {}", lab.city, lab.host_country);
  if (!lab.lab_group.empty()) host += fmt::format(" ({})", lab.lab_group);
  Fact(facts, "Host", Plain(host.empty() ? "not recorded" : host));
  if (!lab.opened.empty() || !lab.closed.empty()) {
    Fact(facts, "Active", Plain(fmt::format("{}\u2013{}", lab.opened.empty() ? "?" : lab.opened, lab.closed)));
  }
  Fact(facts, "Registry key", Plain(lab.key));
  if (!lab.source.empty()) {
    Line source = Plain(fmt::format("{} ({})", lab.source, lab.source_date));
    if (!lab.source_url.empty()) {
      source.push_back(Text("; "));
      source.push_back(Link("the source's page", lab.source_url, "print-url"));
    }
    Fact(facts, "Source", std::move(source));
  }
  Fact(facts, "Its papers",
       Plain(fmt::format("{} of {}'s joint papers{}", lab.papers, r.who.name,
                         lab.listed.size() < static_cast<size_t>(lab.papers)
                             ? fmt::format(" (the latest {} below)", lab.listed.size())
                             : "")));
  doc.push_back(std::move(facts));
  Block papers{Block::Type::kList};
  papers.css = "papers";
  papers.ordered = true;
  for (const LabPaper& p : lab.listed) {
    papers.items.push_back(Plain(PaperTitle(p.paper)));
    std::vector<Line>& lines = papers.subitems.emplace_back();
    lines.push_back(PaperLinks(p.paper));
    lines.push_back(Plain(RoleWords(p.role, r.who.name)));
    for (const LabEvidence& e : p.evidence) lines.push_back(EvidenceLine(e));
  }
  doc.push_back(std::move(papers));
}

void AddResearcherList(Doc& doc, const std::vector<DualResearcher>& list) {
  Block b{Block::Type::kList};
  b.css = "researchers";
  for (const DualResearcher& r : list) {
    b.items.push_back(AuthorLink(r));
    std::vector<Line>& lines = b.subitems.emplace_back();
    if (!r.other_side.empty()) {
      lines.push_back(Plain(fmt::format("Also on the paper at: {}", fmt::join(r.other_side, "; "))));
    }
    lines.push_back(Plain(fmt::format(
        "Holds both on {}{}:", Plural(r.paper_count, "joint paper", "joint papers"),
        r.papers.size() < static_cast<size_t>(r.paper_count) ? fmt::format(" (the latest {})", r.papers.size()) : "")));
    for (const Paper& p : r.papers) lines.push_back(PaperLine(p));
  }
  doc.push_back(std::move(b));
}

void ResearchersCell(const std::vector<DualResearcher>& list, Line& line) {
  for (size_t i = 0; i < list.size() && i < kResearchersInCell; ++i) {
    if (i > 0) line.push_back(Text("; "));
    Line author = AuthorLink(list[i]);
    line.insert(line.end(), author.begin(), author.end());
  }
  if (list.size() > kResearchersInCell)
    line.push_back(Text(fmt::format("; {} more", list.size() - kResearchersInCell)));
}

const PartnerLinks* LinksOf(const Report& r, const Institution& partner) {
  for (const PartnerLinks& l : r.links) {
    if (!partner.id.empty() && l.institution.id == partner.id) return &l;
  }
  return nullptr;
}

Json PaperRefJson(const Paper& p) { return {{"id", p.id}, {"doi", p.doi}, {"title", p.title}, {"year", p.year}}; }

Json ResearcherJson(const DualResearcher& r) {
  Json papers = Json::array();
  for (const Paper& p : r.papers) papers.push_back(PaperRefJson(p));
  return {{"author_id", r.author_id}, {"openalex_url", r.author_id.empty() ? "" : OpenAlexUrl(r.author_id)},
          {"name", r.name},           {"other_side", r.other_side},
          {"papers", r.paper_count},  {"evidence_papers", std::move(papers)}};
}

}  // namespace

void AddPartnerLinkSections(Doc& doc, const Report& r) {
  doc.push_back(Section("links"));
  doc.push_back(Heading("Labs on its joint papers", 2));
  doc.push_back(Para(kLabsMeaning, "detail"));
  if (!r.labs_status.empty()) {
    doc.push_back(Para(r.labs_status, "empty"));
  } else if (r.labs.empty()) {
    doc.push_back(Para(fmt::format("No lab of the registry is matched on its {}.",
                                   Plural(r.who.joint_papers, "joint paper", "joint papers")),
                       "empty"));
  } else {
    doc.push_back(Para(fmt::format("{} on its joint papers (registry: {}).",
                                   Plural(static_cast<int>(r.labs.size()), "lab", "labs"), r.labs_registry),
                       "meta"));
    for (const LabLink& lab : r.labs) AddLab(doc, lab, r);
  }
  doc.push_back(Heading("Researchers on both sides", 2));
  doc.push_back(Para(fmt::format("People who, on one joint paper, hold an affiliation at {} and one at an institution "
                                 "in {} (the other side). {}",
                                 r.who.name, r.other_side, kResearchersNotInferred),
                     "detail"));
  if (r.researchers.empty()) {
    doc.push_back(Para(fmt::format("No author of its joint papers holds an affiliation at {} and one in {} on the "
                                   "same paper.",
                                   r.who.name, r.other_side),
                       "empty"));
  } else {
    doc.push_back(Para(fmt::format("{}{}.", Plural(r.researchers_total, "person holds", "people hold"),
                                   r.researchers.size() < static_cast<size_t>(r.researchers_total)
                                       ? fmt::format(" both (the first {} listed)", r.researchers.size())
                                       : " both"),
                       "meta"));
    AddResearcherList(doc, r.researchers);
  }
  doc.push_back(EndSection());
}

void AddHomeLinkSection(Doc& doc, const Report& r) {
  doc.push_back(Section("links page"));
  doc.push_back(Heading("Labs and researchers on both sides, per partner", 2));
  doc.push_back(Para(
      fmt::format("Partners on the other side (with or without a tie) that share with {} a lab on a joint paper or a "
                  "researcher: labs = labs of the registry matched on their joint papers with {}; researchers = "
                  "people holding an affiliation at {} and one at the partner on the same joint paper. {} {}",
                  r.who.name, r.who.name, r.who.name, kLabsMeaning, kResearchersNotInferred),
      "detail"));
  if (!r.labs_status.empty()) doc.push_back(Para(r.labs_status, "empty"));
  if (r.links.empty()) {
    doc.push_back(
        Para(fmt::format("No partner shares a lab or a researcher with {} on a joint paper.", r.who.name), "empty"));
    doc.push_back(EndSection());
    return;
  }
  Block table{Block::Type::kTable};
  table.columns = {"partner",
                   "country",
                   "joint papers",
                   "labs on them",
                   "papers with a lab",
                   "researchers on both sides",
                   "who (OpenAlex author)"};
  for (const PartnerLinks& l : r.links) {
    const Institution& i = l.institution;
    Line name = i.id.empty() ? Plain(i.name) : Line{Link(i.name, OpenAlexUrl(i.id))};
    Line who;
    ResearchersCell(l.researchers, who);
    table.rows.push_back(
        {std::move(name), Plain(i.country.empty() ? "country unknown" : i.country),
         Plain(std::to_string(i.joint_papers)),
         Plain(l.labs.empty() ? "none" : fmt::format("{}: {}", l.labs.size(), fmt::join(l.labs, "; "))),
         Plain(std::to_string(l.lab_papers)), Plain(std::to_string(l.researchers.size())), std::move(who)});
  }
  doc.push_back(std::move(table));
  doc.push_back(EndSection());
}

Line HomePartnerLinksLine(const Report& r, const Institution& partner) {
  const PartnerLinks* l = LinksOf(r, partner);
  if (l == nullptr) return {};
  Line line =
      Plain(fmt::format("Labs on its joint papers with {}: {}. Researchers holding both: {}", r.who.name,
                        l->labs.empty() ? "none" : fmt::format("{}", fmt::join(l->labs, "; ")), l->researchers.size()));
  if (!l->researchers.empty()) {
    line.push_back(Text(" ("));
    ResearchersCell(l->researchers, line);
    line.push_back(Text(")"));
  }
  line.push_back(Text("."));
  return line;
}

void AddLinksJson(const Report& r, Json& j) {
  j["labs_status"] = r.labs_status;
  if (r.kind == Report::Kind::kPartner) {
    Json labs = Json::array(), researchers = Json::array();
    for (const LabLink& lab : r.labs) {
      Json papers = Json::array();
      for (const LabPaper& p : lab.listed) {
        Json evidence = Json::array();
        for (const LabEvidence& e : p.evidence) {
          evidence.push_back({{"route", e.route},
                              {"evidence", e.evidence},
                              {"matched_text", e.matched_text},
                              {"lab_text", e.lab_text},
                              {"raw_affiliation", e.raw_affiliation},
                              {"where", e.where}});
        }
        Json paper = PaperRefJson(p.paper);
        paper["role"] = p.role;
        paper["evidence"] = std::move(evidence);
        papers.push_back(std::move(paper));
      }
      labs.push_back({{"key", lab.key},
                      {"name", lab.name},
                      {"name_zh", lab.name_zh},
                      {"kind", lab.kind},
                      {"owners", lab.owners},
                      {"partners", lab.partners},
                      {"host_country", lab.host_country},
                      {"city", lab.city},
                      {"lab_group", lab.lab_group},
                      {"opened", lab.opened},
                      {"closed", lab.closed},
                      {"source", lab.source},
                      {"source_date", lab.source_date},
                      {"source_url", lab.source_url},
                      {"papers", lab.papers},
                      {"listed_papers", std::move(papers)}});
    }
    for (const DualResearcher& d : r.researchers) researchers.push_back(ResearcherJson(d));
    j["labs_registry"] = r.labs_registry;
    j["labs"] = std::move(labs);
    j["researchers_other_side"] = r.other_side;
    j["researchers_total"] = r.researchers_total;
    j["researchers"] = std::move(researchers);
  } else if (r.kind == Report::Kind::kHome) {
    Json links = Json::array();
    for (const PartnerLinks& l : r.links) {
      Json researchers = Json::array();
      for (const DualResearcher& d : l.researchers) researchers.push_back(ResearcherJson(d));
      links.push_back({{"institution",
                        {{"id", l.institution.id},
                         {"name", l.institution.name},
                         {"country", l.institution.country},
                         {"joint_papers", l.institution.joint_papers}}},
                       {"labs", l.labs},
                       {"lab_papers", l.lab_papers},
                       {"researchers", std::move(researchers)}});
    }
    j["links"] = std::move(links);
  }
}

}  // namespace entangle::screen
