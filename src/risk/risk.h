#pragma once
// The risk layer: which Chinese partners of a joint work carry military, security or
// human-rights risk according to which source, and which works are about dual-use applications.
// Reference: docs/risk.md (routes, sources, categories, what a flag means and does not mean).
//
// Three parts:
//  - Registry: entities from assessments (think tanks, our own curation: data/registry/) and from
//    government designations (US lists, imported from their public formats by the user). The two
//    kinds are kept apart; nothing here turns them into one score. Every entry carries its source,
//    the source's date, its licence and the reason it is listed.
//  - RegistryMatcher: study institutions -> registry entries, by OpenAlex id, ROR id, lineage
//    (a lab inherits its parent's entries, marked as inherited), exact normalised name or
//    registered alias. Never by substring, acronym or similarity; names only within one country.
//  - DualUseVocabulary: application terms in families (data/vocab/), matched as whole words
//    (Latin script) or as character sequences (Chinese) in titles, abstracts and keywords.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace entangle::risk {

// One listed entity. Lists ('|' in files) are stored split.
struct RegistryEntry {
  std::string key;       // unique among loaded entries: "aspi:beihang-university", "us_1260h:...:2021-06-03"
  std::string kind;      // "assessment" (think tank, curation) | "designation" (government list)
  std::string category;  // seven_sons, pla, pap, mps, mss, security, defence_industry, defence_linked,
                         // us_1260h, us_ndaa_1286, us_csl_<list> (docs/risk.md#categories)
  std::string name_en, name_zh;
  std::vector<std::string> aliases;      // full other names: matched
  std::vector<std::string> other_names;  // acronyms, abbreviations, ambiguous forms: shown, never matched
  std::string country;                   // ISO 3166 codes, space-separated ("CN"); "" = unknown
  std::vector<std::string> ror_ids;      // bare ("00wk2mp56")
  std::vector<std::string> openalex_ids; // short ("I82880672")
  std::vector<std::string> supervising_agencies, defence_labs;
  std::string listed_on, delisted_on;    // designations: "YYYY[-MM[-DD]]" as the list gives it
  std::string reason;                    // why the source lists it
  std::string source, source_date, source_url, licence;  // the provenance line of the row
  std::string origin;                    // "file:line" it was read from
};

struct Registry {
  std::vector<RegistryEntry> entries;
  const RegistryEntry* Find(std::string_view key) const;  // nullptr when absent
};

// Loads registry files and/or government lists. Each path is one of: a registry table (CSV or
// TSV with the columns of data/registry/README.md), a Consolidated Screening List (CSV or JSON),
// a DoD 1260H table, or an NDAA §1286 table; the format is recognised from the header. Keys must
// be unique across all files.
Result<Registry> LoadRegistry(const std::vector<std::string>& paths);
// Every *.csv / *.tsv directly in `dir`, in name order (e.g. ENTANGLE_SOURCE_DIR "/data/registry").
Result<Registry> LoadRegistryDir(const std::string& dir);
// data/registry in the working directory, else in the source tree the binary was built from.
std::string DefaultRegistryDir();
// data/vocab/dual-use-ai.tsv in the working directory, else in the source tree the binary was built
// from: the dual-use vocabulary analyze and screen use unless told otherwise.
std::string DefaultVocabularyPath();
// The registry a command was given: `paths` when there are any, else every file of
// DefaultRegistryDir(). `files` (may be null) gets the files read, in order.
Result<Registry> LoadRegistryOrDefault(const std::vector<std::string>& paths, std::vector<std::string>* files);

// Government lists, read from the formats they are published or transcribed in. Each row becomes
// a designation entry with the list's name, the listing and delisting dates, and the reason.
struct ImportOptions {
  std::string source_date;                     // date of the copy; default: the file's modification date
  std::optional<std::string> default_country;  // for rows without one (1260H default: "CN")
};
// trade.gov Consolidated Screening List: the 29-column CSV or the JSON download ({"results":[...]}).
// Individuals, vessels and aircraft are skipped; countries come from the addresses.
Result<std::vector<RegistryEntry>> ImportConsolidatedScreeningList(const std::string& path,
                                                                   const ImportOptions& options = {});
// DoD Section 1260H "Chinese military companies": Name, Clean Name, Alias, Previous Name,
// Parent Name, Note, Start date, End date, Source Url. One entry per row (each row is one
// listing period).
Result<std::vector<RegistryEntry>> Import1260H(const std::string& path, const ImportOptions& options = {});
// NDAA FY2019 §1286 lists of foreign institutions: one row per (institution, report year) with
// report-date/country columns, or one row per institution with listed_in_report_years (and ROR
// ids). Rows of one institution are merged; listed_on is its first report year.
Result<std::vector<RegistryEntry>> ImportNdaa1286(const std::string& path, const ImportOptions& options = {});

// One entity that one or several registry entries name: ASPI and our curation both list Harbin
// Institute of Technology; a 1260H company has one entry per listing period. Its entries stay
// separate sources (each with its own kind, source, date, category, reason and listing dates):
// being one entity never folds an assessment and a designation into one judgement.
struct RegistryEntity {
  // Stable: "openalex:<id>" when an entry has an OpenAlex id (the first in load order), else
  // "ror:<id>", else the key of its first entry.
  std::string key;
  // Of its first entry (in load order) that has one.
  std::string name_en, name_zh;
  // In load order; they point into the Registry.
  std::vector<const RegistryEntry*> entries;
  // Why its entries are one entity, e.g. "same OpenAlex id I204983213; same ROR id 01yqg2h08" or
  // "same name and country: harbin institute of technology (CN)"; "" for a single entry.
  std::string joined_by;
};

// Registry entries grouped into entities. Evidence first: entries that share an OpenAlex id or a
// ROR id are one entity. An entry with neither id joins the entries that have one of its English
// names (its name_en or a registered full alias) with exactly the same normal form
// (NormalizeName) and exactly the same countries, when those entries are one entity (or have
// no ids either); when the name and country belong to two entities told apart by their ids, it
// joins neither. Never by substring, acronym or abbreviation (other_names), Chinese name or
// similarity; never across countries or with an unknown country.
class RegistryEntities {
 public:
  RegistryEntities() = default;  // no entities
  // The registry's entries must stay where they are while this is used (like RegistryMatcher's).
  explicit RegistryEntities(const Registry& registry);

  // In the order of their first entries.
  const std::vector<RegistryEntity>& all() const { return entities_; }
  // The entity of an entry of the registry (nullptr for an entry of another registry).
  const RegistryEntity* Of(const RegistryEntry& entry) const;
  const RegistryEntity* OfEntryKey(std::string_view entry_key) const;
  const RegistryEntity* Find(std::string_view entity_key) const;

 private:
  const RegistryEntry* first_ = nullptr;  // the registry's entries, by position
  std::vector<RegistryEntity> entities_;
  std::vector<size_t> entity_of_;  // per entry position
  std::map<std::string, size_t, std::less<>> by_entry_key_, by_key_;
};

// Where a designation stood in a calendar year. Dates of year or month precision count from the
// start of that period when listed and to its end when delisted.
enum class ListingStatus {
  kNotADesignation,  // an assessment: no listing dates
  kUndated,          // a designation without a readable listing date
  kNotYetListed,     // listed after the year
  kListed,           // on the list at some time during the year
  kDelisted,         // removed before the year began
};
ListingStatus ListingStatusIn(const RegistryEntry& entry, int year);
std::string_view ListingStatusName(ListingStatus status);  // "listed", "not_yet_listed", ...
bool DesignationActiveIn(const RegistryEntry& entry, int year);  // ListingStatusIn(...) == kListed

// The one severity order of ties (docs/screening.md#severity), gravest first: a government
// designation in force (a legal act), then assessments by what the institution is: a military or
// security organ (pla, pap, mps, mss, security), one of the Seven Sons of National Defence, the
// defence industry, a civilian institution with defence links; last anything else (a delisted
// designation, an unknown category). An entity, or a partner, is as grave as its gravest tie.
enum class TieSeverity { kDesignation, kMilitarySecurity, kSevenSons, kDefenceIndustry, kDefenceLinked, kOther };
TieSeverity SeverityOf(std::string_view kind, std::string_view category, std::string_view delisted_on);
std::string_view SeverityName(TieSeverity severity);   // "designation", "military_security", ...
std::string_view SeverityLabel(TieSeverity severity);  // "government designation", "military or security organ", ...

// An institution as the study database knows it (tables institutions / work_institutions /
// institution_names).
struct InstitutionFacts {
  std::string id;            // OpenAlex short id, may be empty
  std::string ror;           // bare ROR id, may be empty
  std::string display_name;
  std::string country_code;  // ISO alpha-2; names only match within one country
  std::vector<std::string> lineage;            // ids of the institution and its parents
  std::vector<std::string> alternative_names;  // incl. Chinese names; acronyms are ignored
};

struct RiskMatch {
  const RegistryEntry* entry = nullptr;  // points into the Registry the matcher was made from
  std::string route;          // "openalex_id" | "ror" | "name" | "alias" | "lineage"
  std::string matched_text;   // the institution-side id or name that matched (the ancestor's when inherited)
  std::string registry_text;  // the registry-side id or name it matched
  bool inherited = false;     // true for route "lineage"
  std::string inherited_from;     // the ancestor's display name (its id when unknown)
  std::string inherited_from_id;  // the ancestor's OpenAlex id
  std::string ancestor_route;     // how the ancestor matched: "openalex_id" | "ror" | "name" | "alias"
};

// Which entries count. Empty lists mean "all"; a non-empty list keeps only entries whose field
// is in it. Users choose sources: an assessment and a designation are never folded together.
struct MatchOptions {
  std::vector<std::string> kinds;       // "assessment", "designation"
  std::vector<std::string> sources;     // RegistryEntry::source values
  std::vector<std::string> categories;  // RegistryEntry::category values
  bool lineage = true;                  // let institutions inherit their ancestors' entries
};

class RegistryMatcher {
 public:
  using ParentLookup = std::function<const InstitutionFacts*(const std::string& id)>;

  RegistryMatcher();  // matches nothing
  // The registry must outlive the matcher and its matches.
  static Result<RegistryMatcher> Create(const Registry& registry, const MatchOptions& options = {});

  // At most one match per entry: a direct match wins over an inherited one, then
  // openalex_id > ror > name > alias. lookup_parent (may be empty) supplies ancestors' names
  // and ROR ids; without it ancestors match by OpenAlex id only. Thread-safe.
  std::vector<RiskMatch> Match(const InstitutionFacts& institution,
                               const ParentLookup& lookup_parent = nullptr) const;
  size_t entry_count() const;  // entries that count under the options

 private:
  struct Index;
  std::shared_ptr<const Index> index_;
};

// What being on a government list means in law, in one sentence, with the list's own notice it
// paraphrases (data/risk/legal-effects.csv, README there). `effect` is empty when the notice's
// text could not be checked: then only the notice is cited.
struct LegalEffect {
  std::string category;  // registry category ("us_csl_el"); "us_csl_*" covers every us_csl_ list
  std::string effect, notice, notice_url, read_at, checked_on, licence;
  std::string origin;  // "file:line"
};

// Every row checked: a category, a notice and an http(s) notice URL, no category twice.
Result<std::vector<LegalEffect>> LoadLegalEffects(const std::string& path);
// The row of a category: its own, else the first "prefix*" row it starts with; nullptr if none.
const LegalEffect* FindLegalEffect(const std::vector<LegalEffect>& effects, const std::string& category);
// data/risk/legal-effects.csv, found as other shipped files are (common/shipped_file.h).
std::string DefaultLegalEffectsPath();

// A dual-use term found in a work.
struct VocabularyHit {
  std::string family;  // biometric_surveillance, targeting_remote_sensing, unmanned_autonomous,
                       // cyber_operations, information_operations, other_military, security_end_use
  std::string term;    // the vocabulary term (its canonical form, even when a variant matched)
  std::string lang;    // "en" | "zh"
  std::string field;   // "title" | "abstract" | "keyword"
  size_t item = 0;     // index into the keywords when field == "keyword"
  size_t begin = 0, end = 0;  // byte span in that field
  std::string text;    // the matched text as written
};

// How a vocabulary will be used. kManyTexts compiles every form once at Load (~0.5 s), the cheapest
// per text; kFewTexts compiles nothing at Load and, per Find, only the forms whose words all occur
// in that call's texts (cached by that set of forms): for looking up a few papers. Same hits.
enum class VocabularyUse { kManyTexts, kFewTexts };

class DualUseVocabulary {
 public:
  DualUseVocabulary();  // no terms: finds nothing
  // A TSV with '#' comment lines and the columns family, lang, term, variants ('|'), ...
  static Result<DualUseVocabulary> Load(const std::string& path, VocabularyUse use = VocabularyUse::kManyTexts);

  // Hits in document order per field (title, abstract, then keywords). Latin-script terms match
  // whole words only, case-insensitively ("drone" is not in "androne"; "UAV" is not in "UAVs",
  // which is listed as a variant); Chinese terms match anywhere. Overlapping terms each report.
  // Thread-safe (scratch space is kept per thread).
  std::vector<VocabularyHit> Find(std::string_view title, std::string_view abstract,
                                  const std::vector<std::string>& keywords) const;
  const std::vector<std::string>& families() const;  // in file order
  size_t term_count() const;                          // canonical terms

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace entangle::risk
