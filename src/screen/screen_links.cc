// Labs and researchers on both sides, for a partner's dossier and a home's partner list. Labs come
// from the labs exhibits (`entangle analyze` matched the papers; screen never re-matches them), their
// owners, city and provenance from the labs registry those exhibits name. Researchers come from the
// authorships of the institution's joint papers, told apart by OpenAlex author id only.
#include "screen/screen_links.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "labs/labs.h"

namespace entangle::screen {
namespace {

constexpr size_t kPapersPerResearcher = 5;  // evidence papers listed per researcher (all are counted)

std::vector<std::string> SplitOn(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  for (size_t at = 0; at <= text.size();) {
    size_t end = text.find(sep, at);
    if (end == std::string::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + sep.size();
  }
  return out;
}

// "name [CC]": how the exhibits label an institution (analyze's Label()).
std::string LabelOf(const std::string& name, const std::string& country) {
  return country.empty() ? name : fmt::format("{} [{}]", name, country);
}

Result<bool> HasTable(Screener::Impl& s, const std::string& name) {
  Result<Rows> rows = s.Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", name);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

// The registry `entangle analyze` matched with: the path its labs exhibit names ("Labs registry:
// PATH (N labs)."), else the shipped one. Owners, city and provenance come from it; a lab it does
// not hold keeps what the exhibit says.
std::optional<labs::LabRegistry> LoadLabRegistry(Screener::Impl& s, std::string& described) {
  std::vector<std::string> paths;
  Result<Rows> notes = s.Query("SELECT notes_json FROM exhibits WHERE id = 'labs'");
  if (notes.ok() && !notes->empty()) {
    const std::string& json = (*notes)[0][0];
    const std::string prefix = "Labs registry: ";
    size_t at = json.find(prefix);
    size_t end = at == std::string::npos ? at : json.find(" (", at);
    if (end != std::string::npos) paths.push_back(json.substr(at + prefix.size(), end - at - prefix.size()));
  }
  paths.push_back(labs::DefaultLabsPath());
  for (const std::string& path : paths) {
    Result<labs::LabRegistry> registry = labs::LoadLabs(path);
    if (registry.ok()) {
      described = fmt::format("{} ({} labs)", path, registry->labs.size());
      return std::move(registry).value();
    }
  }
  described = "no labs registry could be read (" + fmt::format("{}", fmt::join(paths, ", ")) + ")";
  return std::nullopt;
}

// Why the labs cannot be shown, or "" when the labs exhibits are there.
Result<std::string> LabsMissing(Screener::Impl& s) {
  for (const char* table : {"exhibit_labs", "exhibit_labs_papers"}) {
    Result<bool> has = HasTable(s, table);
    if (!has.ok()) return has.status();
    if (!*has) {
      return std::string(
          "Labs are not shown: this study database has no labs exhibits (entangle analyze has not been run on it, "
          "or was run by an entangle from before the labs registry). Run entangle analyze on it to add them.");
    }
  }
  return std::string();
}

Result<Paper> PaperById(Screener::Impl& s, const std::string& work_id) {
  Result<Rows> row = s.Query("SELECT id, doi, title, publication_year FROM works WHERE id = ?1", work_id);
  if (!row.ok()) return row.status();
  if (row->empty()) return Paper{work_id, "", "", 0, {}, {}, {}};
  const std::vector<std::string>& r = (*row)[0];
  return Paper{r[0], r[1], r[2], r[3].empty() ? 0 : std::stoi(r[3]), {}, {}, {}};
}

// The lab's facts: the exhibit's row, then the registry's owners, city and provenance.
void DescribeLab(Screener::Impl& s, const labs::LabRegistry* registry, LabLink& lab) {
  Result<Rows> row = s.Query("SELECT lab, kind, host_country, lab_group FROM exhibit_labs WHERE lab_key = ?1", lab.key);
  if (row.ok() && !row->empty()) {
    const std::vector<std::string>& r = (*row)[0];
    lab.name = r[0];
    lab.kind = r[1];
    lab.host_country = r[2];
    lab.lab_group = r[3];
  }
  const labs::Lab* entry = registry == nullptr ? nullptr : registry->Find(lab.key);
  if (entry == nullptr) return;
  if (lab.name.empty()) lab.name = entry->name_en;
  lab.name_zh = entry->name_zh;
  if (lab.kind.empty()) lab.kind = std::string(labs::LabKindName(entry->kind));
  if (lab.host_country.empty()) lab.host_country = entry->host_country;
  lab.city = entry->city;
  lab.owners = entry->owners;
  lab.partners = entry->partners;
  lab.source = entry->source;
  lab.source_date = entry->source_date;
  lab.source_url = entry->source_url;
  lab.opened = entry->opened ? std::to_string(*entry->opened) : "";
  lab.closed = entry->closed ? std::to_string(*entry->closed) : "";
}

// One authorship's institutions on a joint paper, as the rows of AuthorshipRows give them.
struct Held {
  std::string key, name, country;
};
// A person on one paper: one author id (all its authorships there), or one authorship without an id.
struct OnPaper {
  std::string author_id, name;
  std::vector<Held> held;
  // The union of its authorships' countries (work_authorships.countries: the institutions' codes and
  // the countries OpenAlex gives the authorship, e.g. from a raw string no institution was assigned
  // to). The groups a person holds come from these, as in the dual_* exhibits.
  std::set<std::string> countries;
};
struct PaperPeople {
  int year = 0;
  std::map<std::string, OnPaper> people;  // by author id, or "#<order>" without one
};

// Every authorship of the institution's joint papers with its institutions and countries: the papers
// reached through the screening index (by institution), their authorships and institutions by work
// id. An authorship without an institution is kept: its countries may still place its person.
Result<std::map<std::string, PaperPeople>> AuthorshipRows(Screener::Impl& s, const std::string& id) {
  Result<Rows> rows = s.Query(
      "SELECT iw.work_id, iw.year, a.author_order, a.author_id, a.author_name, i.institution_key, wi.display_name, "
      "wi.country_code, a.countries FROM screen_inst_works iw "
      "JOIN work_authorships a ON a.work_id = iw.work_id "
      "LEFT JOIN work_authorship_institutions i ON i.work_id = a.work_id AND i.author_order = a.author_order "
      "LEFT JOIN work_institutions wi ON wi.work_id = i.work_id AND wi.institution_key = i.institution_key "
      "WHERE iw.institution_id = ?1",
      id);
  if (!rows.ok()) return rows.status();
  std::map<std::string, PaperPeople> papers;
  for (const std::vector<std::string>& r : *rows) {
    PaperPeople& paper = papers[r[0]];
    paper.year = r[1].empty() ? 0 : std::stoi(r[1]);
    OnPaper& person = paper.people[r[3].empty() ? "#" + r[2] : r[3]];
    person.author_id = r[3];
    if (person.name.empty()) person.name = r[4];
    for (const std::string& c : SplitOn(r[8], " ")) person.countries.insert(c);
    if (r[5].empty()) continue;  // no institution on this authorship
    bool have = std::any_of(person.held.begin(), person.held.end(), [&](const Held& h) { return h.key == r[5]; });
    if (!have) person.held.push_back({r[5], r[6].empty() ? r[5] : r[6], r[7]});
  }
  return papers;
}

bool Holds(const OnPaper& person, const std::string& key) {
  return std::any_of(person.held.begin(), person.held.end(), [&](const Held& h) { return h.key == key; });
}

// The side across from an institution in `country`: the group its country is not in, or either
// group when it is in neither or both.
struct OtherSide {
  Screener::Impl& s;
  bool in_a, in_b;
  OtherSide(Screener::Impl& screener, const std::string& country)
      : s(screener), in_a(screener.InGroupA(country)), in_b(screener.InGroupB(country)) {}
  bool Has(const std::string& country) const {
    if (country.empty()) return false;
    if (in_a == in_b) return s.InGroupA(country) || s.InGroupB(country);
    return in_a ? s.InGroupB(country) : s.InGroupA(country);
  }
  std::string Name() const {
    return in_a == in_b ? fmt::format("{} or {}", s.group_a_name, s.group_b_name)
                        : (in_a ? s.group_b_name : s.group_a_name);
  }
};

// What places `person` on the other side besides institution `id`, or nothing when nothing does.
// Their authorships' countries decide, as in the dual_* exhibits, not the country codes of the
// institutions OpenAlex assigned. The evidence names the other-side institutions they hold, then
// each other-side country no such institution carries, "DE (authorship country; institutions: …)",
// with their other institutions (whose own codes do not say it).
std::vector<std::string> OtherSideEvidence(const OtherSide& other, const OnPaper& person, const std::string& id) {
  std::vector<std::string> out;
  if (std::none_of(person.countries.begin(), person.countries.end(),
                   [&](const std::string& c) { return other.Has(c); }))
    return out;
  std::set<std::string> covered;
  for (const Held& h : person.held) {
    if (h.key == id || !other.Has(h.country)) continue;
    out.push_back(LabelOf(h.name, h.country));
    covered.insert(h.country);
  }
  std::vector<std::string> rest;
  for (const Held& h : person.held) {
    if (h.key != id && !other.Has(h.country)) rest.push_back(LabelOf(h.name, h.country));
  }
  for (const std::string& c : person.countries) {
    if (!other.Has(c) || covered.count(c) != 0) continue;
    out.push_back(rest.empty() ? fmt::format("{} (authorship country; no institution there)", c)
                               : fmt::format("{} (authorship country; institutions: {})", c, fmt::join(rest, ", ")));
  }
  return out;
}

void SortNewestFirst(std::vector<Paper>& papers) {
  std::stable_sort(papers.begin(), papers.end(),
                   [](const Paper& a, const Paper& b) { return a.year != b.year ? a.year > b.year : a.id < b.id; });
}

// Researchers are sorted by papers (most first), then by author id; those without an id last.
void SortResearchers(std::vector<DualResearcher>& list) {
  std::stable_sort(list.begin(), list.end(), [](const DualResearcher& a, const DualResearcher& b) {
    if (a.author_id.empty() != b.author_id.empty()) return b.author_id.empty();
    if (a.papers.size() != b.papers.size()) return a.papers.size() > b.papers.size();
    return a.author_id < b.author_id;
  });
}

// Counts each researcher's papers and keeps the newest `keep` as evidence, with DOI and title.
Status LoadResearcherPapers(Screener::Impl& s, std::vector<DualResearcher>& list, size_t keep) {
  for (DualResearcher& r : list) {
    r.paper_count = static_cast<int>(r.papers.size());
    SortNewestFirst(r.papers);
    if (r.papers.size() > keep) r.papers.resize(keep);
    for (Paper& p : r.papers) {
      Result<Paper> full = PaperById(s, p.id);
      if (!full.ok()) return full.status();
      p = std::move(full).value();
    }
  }
  return Status::OK();
}

}  // namespace

Status AddPartnerLinks(Screener::Impl& s, const std::string& id, Report& report) {
  const Institution& who = report.who;
  // --- Researchers on both sides: the other side is the group the partner's country is not in.
  const OtherSide other(s, who.country);
  report.other_side = other.Name();
  Result<std::map<std::string, PaperPeople>> papers = AuthorshipRows(s, id);
  if (!papers.ok()) return papers.status();
  std::map<std::string, DualResearcher> by_person;
  for (const auto& [work_id, paper] : *papers) {
    for (const auto& [person_key, person] : paper.people) {
      if (!Holds(person, id)) continue;
      std::vector<std::string> others = OtherSideEvidence(other, person, id);
      if (others.empty()) continue;
      DualResearcher& r = by_person[person.author_id.empty() ? work_id + person_key : person_key];
      r.author_id = person.author_id;
      if (r.name.empty()) r.name = person.name;
      for (const std::string& o : others) {
        if (std::find(r.other_side.begin(), r.other_side.end(), o) == r.other_side.end()) r.other_side.push_back(o);
      }
      r.papers.push_back(Paper{work_id, "", "", paper.year, {}, {}, {}});
    }
  }
  for (auto& [key, r] : by_person) report.researchers.push_back(std::move(r));
  SortResearchers(report.researchers);
  report.researchers_total = static_cast<int>(report.researchers.size());
  if (report.researchers.size() > static_cast<size_t>(s.options.limit)) report.researchers.resize(s.options.limit);
  ENTANGLE_RETURN_IF_ERROR(LoadResearcherPapers(s, report.researchers, kPapersPerResearcher));

  // --- Labs on its joint papers, as analyze matched them.
  Result<std::string> missing = LabsMissing(s);
  if (!missing.ok()) return missing.status();
  report.labs_status = *missing;
  if (!report.labs_status.empty()) return Status::OK();
  std::optional<labs::LabRegistry> registry = LoadLabRegistry(s, report.labs_registry);
  Result<Rows> rows = s.Query(
      "SELECT lp.lab_key, lp.work_id, lp.route, lp.evidence, lp.matched_text, lp.lab_text, lp.raw_affiliation, "
      "lp.\"where\", lp.partners FROM screen_inst_works iw JOIN exhibit_labs_papers lp ON lp.work_id = iw.work_id "
      "WHERE iw.institution_id = ?1 ORDER BY iw.year DESC, iw.work_id",
      id);
  if (!rows.ok()) return rows.status();
  const std::string label = LabelOf(who.name, who.country);
  std::map<std::string, size_t> index;  // lab key -> position in report.labs
  for (const std::vector<std::string>& r : *rows) {
    auto [at, added] = index.try_emplace(r[0], report.labs.size());
    if (added) {
      LabLink& lab = report.labs.emplace_back();
      lab.key = r[0];
      DescribeLab(s, registry ? &*registry : nullptr, lab);
    }
    LabLink& lab = report.labs[at->second];
    if (lab.listed.empty() || lab.listed.back().paper.id != r[1]) {
      LabPaper& p = lab.listed.emplace_back();
      p.paper.id = r[1];
      p.role = "same paper";
    }
    LabPaper& p = lab.listed.back();
    LabEvidence e{r[2], r[3], r[4], r[5], r[6], r[7]};
    // The partner's part in the match: it is the lab (its id, ROR id, or its own name or lineage
    // matched), an author at it wrote the lab's name, or it is a partner of the lab on the other side.
    bool is_lab = (e.evidence == "openalex_id" && e.matched_text == who.id) ||
                  (e.evidence == "ror_id" && !who.ror.empty() && e.matched_text == who.ror) ||
                  ((e.evidence == "lineage" || e.evidence == "display_name") && e.where == label);
    if (is_lab) {
      p.role = "lab";
    } else if (p.role != "lab" && e.evidence == "raw_affiliation" && (*papers).count(r[1]) != 0) {
      const PaperPeople& people = (*papers).at(r[1]);
      std::string author = e.where.rfind("author ", 0) == 0 ? e.where.substr(7) : "";
      std::vector<std::string> words = SplitOn(e.where, " ");  // "authorship 3 (no author id)"
      std::string order = words.size() > 1 && words[0] == "authorship" ? "#" + words[1] : "";
      auto person = people.people.find(!author.empty() ? author : order);
      if (person != people.people.end() && Holds(person->second, id)) p.role = "author";
    }
    if (p.role == "same paper") {
      for (const std::string& partner : SplitOn(r[8], "; ")) {
        if (partner == label) p.role = "partner";
      }
    }
    p.evidence.push_back(std::move(e));
  }
  for (LabLink& lab : report.labs) {
    lab.papers = static_cast<int>(lab.listed.size());
    if (lab.listed.size() > static_cast<size_t>(s.options.limit)) lab.listed.resize(s.options.limit);
    for (LabPaper& p : lab.listed) {
      Result<Paper> full = PaperById(s, p.paper.id);
      if (!full.ok()) return full.status();
      p.paper = std::move(full).value();
    }
  }
  std::stable_sort(report.labs.begin(), report.labs.end(),
                   [](const LabLink& a, const LabLink& b) { return a.papers > b.papers; });
  return Status::OK();
}

Status AddHomeLinks(Screener::Impl& s, const std::string& id, Report& report) {
  const Institution& who = report.who;
  const OtherSide other(s, who.country);
  Result<std::map<std::string, PaperPeople>> papers = AuthorshipRows(s, id);
  if (!papers.ok()) return papers.status();
  std::map<std::string, PartnerLinks> links;                            // by partner key
  std::map<std::string, std::map<std::string, DualResearcher>> people;  // partner key -> person -> researcher
  std::map<std::string, std::set<std::string>> partners_of_work;        // work -> other-side partner keys
  for (const auto& [work_id, paper] : *papers) {
    for (const auto& [person_key, person] : paper.people) {
      for (const Held& h : person.held) {
        if (h.key == id || !other.Has(h.country)) continue;
        partners_of_work[work_id].insert(h.key);
        PartnerLinks& l = links[h.key];
        if (l.institution.name.empty()) {
          l.institution.id = h.key.rfind("name:", 0) == 0 ? "" : h.key;
          l.institution.name = h.name;
          l.institution.country = h.country;
        }
        if (!Holds(person, id)) continue;
        DualResearcher& r = people[h.key][person.author_id.empty() ? work_id + person_key : person_key];
        r.author_id = person.author_id;
        if (r.name.empty()) r.name = person.name;
        r.papers.push_back(Paper{work_id, "", "", paper.year, {}, {}, {}});
      }
    }
  }
  for (const auto& [work_id, keys] : partners_of_work) {
    for (const std::string& key : keys) links[key].institution.joint_papers += 1;
  }
  // Labs on the home's joint papers, counted for each partner on the paper.
  Result<std::string> missing = LabsMissing(s);
  if (!missing.ok()) return missing.status();
  report.labs_status = *missing;
  std::map<std::string, std::map<std::string, std::set<std::string>>> lab_works;  // partner -> lab name -> works
  if (report.labs_status.empty()) {
    Result<Rows> rows = s.Query(
        "SELECT DISTINCT lp.work_id, lp.lab FROM screen_inst_works iw "
        "JOIN exhibit_labs_papers lp ON lp.work_id = iw.work_id WHERE iw.institution_id = ?1",
        id);
    if (!rows.ok()) return rows.status();
    for (const std::vector<std::string>& r : *rows) {
      auto on_work = partners_of_work.find(r[0]);
      if (on_work == partners_of_work.end()) continue;
      for (const std::string& key : on_work->second) lab_works[key][r[1]].insert(r[0]);
    }
  }
  for (auto& [key, l] : links) {
    if (auto found = people.find(key); found != people.end()) {
      for (auto& [person, r] : found->second) l.researchers.push_back(std::move(r));
    }
    if (auto found = lab_works.find(key); found != lab_works.end()) {
      std::vector<std::pair<std::string, size_t>> labs;
      std::set<std::string> works;
      for (const auto& [lab, w] : found->second) {
        labs.emplace_back(lab, w.size());
        works.insert(w.begin(), w.end());
      }
      std::stable_sort(labs.begin(), labs.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      for (const auto& [lab, n] : labs) l.labs.push_back(lab);
      l.lab_papers = static_cast<int>(works.size());
    }
    if (l.researchers.empty() && l.labs.empty()) continue;
    SortResearchers(l.researchers);
    report.links.push_back(std::move(l));
  }
  // Most shared researchers first, then most lab papers, then most joint papers.
  std::stable_sort(report.links.begin(), report.links.end(), [](const PartnerLinks& a, const PartnerLinks& b) {
    return std::make_tuple(a.researchers.size(), a.lab_papers, a.institution.joint_papers) >
           std::make_tuple(b.researchers.size(), b.lab_papers, b.institution.joint_papers);
  });
  if (report.links.size() > static_cast<size_t>(s.options.limit)) report.links.resize(s.options.limit);
  for (PartnerLinks& l : report.links)
    ENTANGLE_RETURN_IF_ERROR(LoadResearcherPapers(s, l.researchers, kPapersPerResearcher));
  return Status::OK();
}

}  // namespace entangle::screen
