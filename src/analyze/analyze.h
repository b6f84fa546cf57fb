#pragma once
// `entangle analyze`: the study's research co-authorship exhibits (joint papers by country and
// year, shares of each side's output, subfields, institutions, citations, funding, companies),
// computed from a study database written by `entangle scan`. Definitions: docs/exhibits.md.
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "risk/risk.h"

namespace entangle::analyze {

enum class Counting { kWhole, kFractional };

struct AnalyzeOptions {
  std::string database_path;
  std::string out_dir;  // writes <out_dir>/<exhibit_id>.csv and .json
  Counting counting = Counting::kWhole;
  int institution_threshold = 1000;  // "institutions above a threshold" (strictly more joint papers)
  int top_n = 20;
  std::string subfield_scheme = "topics";  // or "concepts"
  // Case-insensitive substrings of funder names / award ids to count as named programmes.
  std::vector<std::string> programmes = {"National Key R&D Program",
                                         "National Defense Basic Scientific Research Program"};
  int incomplete_years = 1;  // years >= (data date's year - N) are marked incomplete (indexing delay)
  // Risk exhibits (Exhibit 8, the flagged list): docs/risk.md, docs/exhibits.md.
  std::vector<std::string> registry_paths;  // empty: every .csv/.tsv in DefaultRegistryDir()
  std::string vocabulary_path;              // empty: DefaultVocabularyPath()
  risk::MatchOptions risk_match;            // which kinds, sources and categories count
  // The labs exhibit (docs/labs.md): the labs registry; empty = labs::DefaultLabsPath().
  std::string labs_path;
  // Called after each step with its name and duration ("joint works loaded", 12.3): the CLI
  // prints these as progress; empty = silent.
  std::function<void(const std::string& step, double seconds)> on_step;
};

// DefaultVocabularyPath() and DefaultRegistryDir() are in risk/risk.h.

struct ExhibitTable {  // one exhibit
  // source e.g. "OpenAlex snapshot 2025-11-11 via entangle 0.1.0; study <name> (sha256 ...)"
  std::string id, title, definition, counting, data_date, source;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // cells as text (numbers formatted plainly)
  std::vector<int> incomplete_years;
  std::vector<std::string> notes;
};

// Computes every exhibit, writes <out_dir>/<id>.csv and .json (each atomically), and replaces the
// tables `exhibit_<id>` and the index table `exhibits` in the study database in one transaction.
Result<std::vector<ExhibitTable>> Analyze(const AnalyzeOptions& options);

// A study database holds two families of exhibits, each replaced only by its own command: the
// co-authorship ones (`entangle analyze`) and the investment ones (`entangle invest`, ids
// "investment_*"). Reports list the co-authorship family first.
enum class ExhibitFamily { kCoauthorship, kInvestment };
ExhibitFamily FamilyOf(const std::string& exhibit_id);

// Writes <out_dir>/<id>.csv and .json for each exhibit (temp file + rename).
Status WriteExhibitFiles(const std::string& out_dir, const std::vector<ExhibitTable>& exhibits);

// Replaces `family`'s exhibits in a study database with `exhibits` (tables `exhibit_<id>` and
// their rows of the index `exhibits`) in one transaction; the other family's stay as they are.
Status StoreExhibits(const std::string& database_path, const std::vector<ExhibitTable>& exhibits,
                     ExhibitFamily family);

std::string CountingName(Counting counting);  // "whole" / "fractional"

}  // namespace entangle::analyze
