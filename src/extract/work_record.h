#pragma once
// The full record of one work, as kept for joint works (and written to the study database).
// Ids are OpenAlex short ids ("W2741809807", "I4210165038", "F4320321001", "T10102", "C154945302");
// ROR ids are the bare 9-character form ("033vjfk17"); empty when absent or malformed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace entangle::extract {

struct InstitutionRef {
  std::string id;            // "I37461747"; empty if the affiliation has no OpenAlex id
  std::string ror;           // "033vjfk17" or empty
  std::string display_name;
  std::string country_code;  // ISO 3166 alpha-2, upper case, or empty
  std::string type;          // as given ("education", "company", "funder", ...), may be empty
  std::vector<std::string> lineage;  // short ids, self first when present; may be empty
};

struct Authorship {
  int order = 0;                   // 0-based position in the authorships array
  std::string position;            // "first" | "middle" | "last" | ""
  std::string author_id;           // "A5068826352" or empty
  std::string author_name;
  bool is_corresponding = false;
  std::vector<int> institutions;   // indexes into WorkRecord::institutions
  std::vector<std::string> countries;  // the author's countries: institutions' codes ∪ countries[]
  std::vector<std::string> raw_affiliations;
};

struct TopicRef {
  std::string id;  // "T10102"
  std::string name;
  double score = 0;
  bool is_primary = false;
  std::string subfield_id;  // "1702"
  std::string subfield_name;
  std::string field_id;     // "17"
  std::string field_name;
  std::string domain_id;    // "3"
  std::string domain_name;
};

struct ConceptRef {
  std::string id;  // "C154945302"
  std::string name;
  int level = -1;
  double score = 0;
};

struct GrantRef {
  std::string funder_id;  // "F4320321001" or empty
  std::string funder_name;
  std::string award_id;   // may be empty
};

struct YearCount {
  int year = 0;
  int64_t cited_by_count = 0;
};

struct WorkRecord {
  std::string id;  // "W2741809807"
  std::string doi;  // lower-case, without the https://doi.org/ prefix; may be empty
  std::string title;
  std::string abstract;  // rebuilt from abstract_inverted_index; may be empty
  int publication_year = 0;
  std::string publication_date;
  std::string language;  // "en", or empty when unknown
  std::string type;      // "article", ...
  std::string updated_date;  // as given (ISO date or timestamp); empty if absent
  int64_t cited_by_count = 0;
  std::optional<double> fwci;
  std::vector<YearCount> counts_by_year;
  std::vector<InstitutionRef> institutions;  // distinct by id (or by name when id is empty)
  std::vector<Authorship> authorships;
  std::vector<TopicRef> topics;
  std::vector<ConceptRef> concepts;
  std::vector<GrantRef> grants;
  std::vector<std::string> keywords;  // display names
  std::vector<std::string> countries;  // distinct, sorted: computed from authorships
};

// Institution and funder entities from the snapshot's institutions/ and funders/ folders.
struct InstitutionEntity {
  std::string id;  // "I37461747"
  std::string ror;
  std::string display_name;
  std::string country_code;
  std::string type;
  std::vector<std::string> lineage;
  std::vector<std::string> alternative_names;  // display_name_alternatives, acronyms, international names (incl. zh)
  std::vector<std::string> associated_ids;     // associated_institutions[].id, with relationship
  std::vector<std::string> associated_relationships;
  int64_t works_count = 0;
};

struct FunderEntity {
  std::string id;  // "F4320321001"
  std::string ror;
  std::string display_name;
  std::string country_code;
  std::vector<std::string> alternative_names;
  int64_t works_count = 0;
};

}  // namespace entangle::extract
