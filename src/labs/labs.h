#pragma once
// The labs registry (data/labs/labs.csv) and matching papers' affiliations to its labs.
//
// A lab is a joint public lab, a company's lab abroad or at home, or a joint company–university
// lab, curated from public pages with a provenance line per row (docs/labs.md). An affiliation
// matches a lab only on evidence, strongest first: the institution's OpenAlex id, its ROR id, an
// OpenAlex id in its lineage, then an exact normalised name — the institution's display name, or a
// run of whole comma-separated parts of the author's raw affiliation string — equal to one of the
// lab's affiliation names. Never a substring of a part, never an acronym alone, nothing fuzzy.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace entangle::labs {

enum class LabKind {
  kJointPublicLab,            // "joint_public_lab": public research bodies or universities of both sides
  kCorporateLabAbroad,        // "corporate_lab_abroad": a company's lab outside its home country
  kCorporateLabHome,          // "corporate_lab_home": a company's lab in its home country
  kJointCompanyUniversityLab  // "joint_company_university_lab": a company with a university
};
std::string_view LabKindName(LabKind kind);
std::optional<LabKind> ParseLabKind(std::string_view name);

struct Lab {
  std::string key;  // "lab:liama"
  std::string name_en;
  std::string name_zh;  // may be empty
  LabKind kind = LabKind::kJointPublicLab;
  std::vector<std::string> owners;
  std::vector<std::string> partners;
  std::string host_country;  // ISO 3166-1 alpha-2, upper case
  std::string city;          // may be empty
  std::optional<int> opened;
  std::optional<int> closed;
  std::vector<std::string> openalex_ids;       // "I4210113369"
  std::vector<std::string> ror_ids;            // "0300m5276"
  std::vector<std::string> affiliation_names;  // matched exactly after normalisation
  // The OpenAlex institution ids of the lab's first owner (a company) itself, never the lab's: the
  // company's other institutions are those with one of them as id or in their lineage. Optional
  // column "owner_openalex_ids"; ids only as seen in real records (data/labs/README.md).
  std::vector<std::string> owner_openalex_ids;
  std::string note;
  std::string source;
  std::string source_date;  // YYYY, YYYY-MM or YYYY-MM-DD
  std::string source_url;
  std::string licence;
  std::string origin;  // "path:line" of its row
};

struct LabRegistry {
  std::vector<Lab> labs;  // in file order
  const Lab* Find(std::string_view key) const;
};

// Reads and checks a labs table. Every problem is an error naming the file, the line and the
// column: a missing column, an empty or duplicate key, an unknown kind or country code, a year
// that is not a year or a closing year before the opening one, an OpenAlex id that is not "I" and
// digits, a ROR id that is not "0", six base-32 characters and two digits, an affiliation name
// that is an abbreviation (never matched alone) or already another lab's, and a missing source,
// source_date, source_url or licence. The optional column owner_openalex_ids is checked like
// openalex_ids, and an owner id may be neither a lab's own id nor listed for two different first
// owners.
Result<LabRegistry> LoadLabs(const std::string& path);
Result<LabRegistry> ParseLabs(std::string_view csv_text, const std::string& path);

// The shipped registry: data/labs/labs.csv from the working directory or the source tree.
std::string DefaultLabsPath();

enum class LabRoute { kOpenAlexId, kRorId, kLineage, kAffiliationName };  // strongest first
std::string_view LabRouteName(LabRoute route);  // "openalex_id", "ror_id", "lineage", "affiliation_name"

// What a paper says about one affiliation of one author: the institution OpenAlex assigned (any
// field may be empty) and the author's raw affiliation strings as written in the paper.
struct AffiliationFacts {
  std::string openalex_id;           // "I4210113369"
  std::string ror_id;                // "0300m5276"
  std::vector<std::string> lineage;  // OpenAlex ids, self first when present
  std::string display_name;          // "Microsoft Research Asia (China)"
  std::string country_code;          // the institution's country, for "(China)"-style qualifiers
  std::vector<std::string> raw_affiliations;
};

struct LabMatch {
  const Lab* lab = nullptr;
  LabRoute route = LabRoute::kAffiliationName;
  // Where the affiliation-side text came from: "openalex_id", "ror_id", "lineage",
  // "display_name" or "raw_affiliation".
  std::string evidence;
  std::string matched_text;     // affiliation side: the id, the ancestor id, the display name or the matched parts
  std::string lab_text;         // lab side: the lab's id or affiliation name that equals it
  std::string raw_affiliation;  // the whole raw string, when evidence is "raw_affiliation"
};

// Matches affiliations to the labs of a registry (which must outlive the matcher). One match per
// lab, with its strongest route; labs in registry order.
class LabMatcher {
 public:
  explicit LabMatcher(const LabRegistry& registry);
  std::vector<LabMatch> Match(const AffiliationFacts& facts) const;

 private:
  struct NameRef {
    size_t lab;
    std::string name;
  };
  const LabRegistry& registry_;
  std::unordered_map<std::string, std::vector<size_t>> by_openalex_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_ror_id_;
  std::unordered_map<std::string, std::vector<NameRef>> by_name_;  // normal form → labs
  size_t max_name_parts_ = 1;  // the most comma-separated parts any affiliation name has
};

// The parts of a raw affiliation string between commas and semicolons (ASCII or full-width),
// trimmed, empty parts left out; each part's byte offsets into `raw` let runs of consecutive parts
// be read back whole.
struct AffiliationPart {
  size_t begin = 0;
  size_t end = 0;
};
std::vector<AffiliationPart> SplitAffiliation(std::string_view raw);

}  // namespace entangle::labs
