#pragma once
// `entangle screen`: due-diligence look-ups on a study database. Who is this partner and what
// ties does it have (with sources, dates and the matched text), which partners of my institution
// carry ties, and what flags do these papers carry. A flag is a prompt for due diligence, never
// a verdict (docs/screening.md).
//
// Every look-up runs on indexed SQL (institution id, ROR id, DOI, normalised name and name
// words), so that a query on a database of a million joint works answers in well under 100 ms.
// The tables and indexes behind these look-ups are the screening index (src/screen_index/),
// which `entangle analyze` builds; the Screener builds it when it is missing and the file is
// writable.

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "risk/risk.h"

namespace entangle::screen {

struct ScreenOptions {
  std::string database_path;
  std::vector<std::string> registry_paths;  // empty: every .csv/.tsv in DefaultRegistryDir()
  std::string vocabulary_path;              // empty: DefaultVocabularyPath()
  std::string legal_effects_path;           // empty: DefaultLegalEffectsPath()
  risk::MatchOptions match;                 // which kinds, sources and categories count
  int limit = 25;                           // rows per list (papers, partners, topics, ...)
};

// One registry entry matched by an institution: the evidence line of every flag.
struct Tie {
  std::string entry_key, entity, entity_zh, kind, category, source, source_date, source_url;
  std::string listed_on, delisted_on, reason;
  std::string route, matched_text, registry_text, inherited_from;
  std::string ancestor_route;  // route "lineage": how the ancestor matched (openalex_id, ror, name, alias)
  std::string listing_status;  // for a paper's year: listed, not_yet_listed, delisted, ... ("" without a year)
  std::string institution_id, institution;  // the institution that matched
  // A designation's legal effect (risk.h LegalEffect): the sentence ("" when the notice's text was
  // not checked) and the notice it paraphrases; all "" for assessments and unknown lists.
  std::string legal_effect, legal_notice, legal_notice_url;
};

// A registry entity tied to an institution or a paper, with its sources: one Tie per registry entry
// that ties it. An entity that several sources list (ASPI and the curated list both list Harbin
// Institute of Technology; risk.h RegistryEntities) is one entity with several sources, never two
// partners; its sources stay separate (an assessment and a designation are never one judgement).
struct EntityTie {
  std::string entity_key, entity, entity_zh;
  std::string joined_by;     // why its entries are one entity ("same OpenAlex id ..."); "" for one entry
  std::vector<Tie> sources;  // gravest first (risk.h SeverityOf), then in registry load order
  risk::TieSeverity severity = risk::TieSeverity::kOther;  // of its gravest source (risk.h SeverityOf)
};

struct Institution {
  std::string id, ror, name, country, type;
  std::vector<std::string> other_names;  // incl. Chinese names and acronyms, as OpenAlex gives them
  std::vector<std::string> lineage;      // "name (id)" of the institution's ancestors
  int joint_papers = 0;
  std::vector<std::string> lineage_ids;  // their OpenAlex ids, parallel to `lineage`
  std::string name_zh;                   // a Chinese name: OpenAlex's, else that of the registry entity it matches
};

// An institution offered instead of an answer: the query matched several or none.
struct Candidate {
  Institution institution;
  std::string why;  // "exact name: ...", "shares words: ...", "registry name: ..."
};

struct Paper {
  std::string id, doi, title;
  int year = 0;
  std::vector<std::string> institutions;  // "name [CC]"
  std::vector<EntityTie> ties;            // of group-B entities on the paper
  std::vector<risk::VocabularyHit> hits;
};

struct Count {
  std::string id, name, country;
  int papers = 0;
};

struct Partner {  // a group-B partner of a home institution (once, however many sources list it)
  Institution institution;
  std::vector<EntityTie> ties;                 // gravest first
  risk::TieSeverity severity = risk::TieSeverity::kOther;  // of its gravest tie: partners are ranked by it, then papers
  std::vector<Paper> example_papers;  // its latest joint papers with the home institution (no ties; title terms)
};

// A lab of the labs registry (data/labs/labs.csv, docs/labs.md) on the partner's joint papers, as
// `entangle analyze` matched it (exhibit_labs_papers): what the lab is, and per paper the evidence.
struct LabEvidence {
  std::string route, evidence, matched_text, lab_text, raw_affiliation, where;  // one exhibit row each
};
struct LabPaper {
  Paper paper;       // id, DOI, title, year (no ties, no terms)
  std::string role;  // "lab" (it matched the lab), "author" (an author at it names the lab), "partner", "same paper"
  std::vector<LabEvidence> evidence;  // why the paper is the lab's
};
struct LabLink {
  std::string key, name, name_zh, kind, host_country, city, lab_group;
  std::vector<std::string> owners, partners;    // as the registry gives them (empty: registry not loaded)
  std::string source, source_date, source_url;  // the registry row's provenance
  std::string opened, closed;
  int papers = 0;                // joint papers of the institution with the lab on them (all, not only those listed)
  std::vector<LabPaper> listed;  // the latest `limit` of them, with their evidence
};

// A person (one OpenAlex author id) who, on one joint paper, holds an affiliation at the
// institution screened and one at an institution on the other side (or, for a home's partner, at
// the home institution). An authorship without an id is a person of its own (author_id empty).
struct DualResearcher {
  std::string author_id, name;          // name as OpenAlex gives it, never compared
  std::vector<std::string> other_side;  // "name [CC]" of the other-side institutions held with it
  int paper_count = 0;                  // joint papers on which the person holds both
  std::vector<Paper> papers;            // the evidence: the newest of them (id, DOI, title, year)
};

// What a home's partner shares with it beyond co-authorship: labs on their joint papers and the
// researchers holding both institutions on one paper.
struct PartnerLinks {
  Institution institution;                  // id, name, country, joint_papers (with the home institution)
  std::vector<std::string> labs;            // lab names, most shared papers first
  int lab_papers = 0;                       // their joint papers with a lab on them
  std::vector<DualResearcher> researchers;  // holding the home and the partner on one paper
};

struct Report {
  enum class Kind { kPartner, kHome, kWorks, kAmbiguous, kUnknown } kind = Kind::kUnknown;
  std::string query;
  std::string database, registry, data_date;  // provenance shown with every answer
  Institution who;                            // partner / home
  std::vector<EntityTie> ties;                // partner: the institution's own ties, by entity, gravest first
  std::vector<Paper> papers;           // partner: latest joint papers (with title terms); works: the papers asked for
  std::vector<Count> topics;           // partner: primary topics of its joint papers
  std::vector<Count> co_institutions;  // partner: institutions it co-authors with
  std::vector<Partner> partners;       // home: group-B partners with a tie, gravest first, then by joint papers
  int untied_partners = 0;             // home: partners without a tie (not listed)
  std::vector<Candidate> candidates;   // ambiguous / unknown
  std::vector<std::string> not_found;  // works: ids or DOIs not in the database
  // Labs and researchers on both sides (partner, home). `labs_status` is "" when the labs
  // exhibits were read, else why not (no analyze run, an older database): then `labs` is empty.
  std::string labs_status, labs_registry;   // labs_registry: the file the owners and cities come from
  std::vector<LabLink> labs;                // partner: labs on its joint papers, most papers first
  std::vector<DualResearcher> researchers;  // partner: holding it and the other side on one paper (the first `limit`)
  int researchers_total = 0;                // partner: all of them
  std::string other_side;                   // partner: the group its researchers' other affiliations are in
  std::vector<PartnerLinks> links;          // home: partners with a lab or a shared researcher
};

class Screener {
 public:
  static Result<std::unique_ptr<Screener>> Open(const ScreenOptions& options);
  ~Screener();

  // NAME_OR_ID: English or Chinese name, ROR id (bare or URL) or OpenAlex id (I... or URL).
  Result<Report> Partner(const std::string& name_or_id);
  Result<Report> Home(const std::string& name_or_id);
  // Work ids (W..., or URLs) and DOIs (bare or https://doi.org/...).
  Result<Report> Works(const std::vector<std::string>& ids);

  struct Impl;

 private:
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

enum class Format { kText, kMarkdown, kJson, kHtml };
Result<Format> ParseFormat(const std::string& name);
std::string Render(const Report& report, Format format);

}  // namespace entangle::screen
