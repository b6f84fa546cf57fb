// StudyApiQueries: a study definition as OpenAlex API filters (a superset of its joint works).
#include "select/api_filters.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "common/ascii.h"

namespace entangle::select {
namespace {

// One filter clause: a key and the values it accepts (joined by '|', OR in the API).
struct Clause {
  std::string key;
  std::vector<std::string> values;
};

// A query before the value lists are cut to the API's limit: clauses ANDed (joined by ',').
struct Draft {
  std::string covers;
  std::vector<Clause> clauses;
  bool search = false;
};

// The work types OpenAlex's API knows; a study may also list Crossref types (older records carry
// them), which no API record has, so they are left out of the filter.
const std::vector<std::string> kApiWorkTypes = {
    "article", "book", "book-chapter", "dataset", "dissertation", "editorial", "erratum", "grant", "letter",
    "libguides", "other", "paratext", "peer-review", "preprint", "reference-entry", "report", "retraction",
    "review", "standard", "supplementary-materials"};

std::string LastSegment(const std::string& id) {
  size_t slash = id.find_last_of('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

// "I123" or an OpenAlex URL → the lineage clause (the institution and everything under it);
// a ROR id ("0abc12x34", "https://ror.org/0abc12x34") → the ROR clause.
Result<Clause> InstitutionClause(const std::string& institution) {
  std::string id = LastSegment(institution);
  if (id.size() > 1 && (id[0] == 'I' || id[0] == 'i') && id.find_first_not_of("0123456789", 1) == std::string::npos) {
    id[0] = 'I';
    return Clause{"authorships.institutions.lineage", {id}};
  }
  bool ror = id.size() == 9 && id[0] == '0' &&
             std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  if (ror) return Clause{"authorships.institutions.ror", {"https://ror.org/" + id}};
  return Status::InvalidArgument("--institution " + institution +
                                 ": expected an OpenAlex institution id (I27837315) or a ROR id (00f54p054)");
}

// A phrase for title_and_abstract.search: quoted, without the characters that end a filter value.
std::string SearchPhrase(std::string term) {
  for (char& c : term) {
    if (c == ',' || c == '|' || c == '"' || c == ':') c = ' ';
  }
  return "\"" + term + "\"";
}

// The field's alternatives (the API cannot OR across keys, so each is its own query).
Result<std::vector<Draft>> FieldDrafts(const FieldDefinition& field) {
  std::vector<Draft> drafts;
  if (field.concepts) drafts.push_back({"concepts", {{"concepts.id", field.concepts->ids}}});
  if (field.topics) {
    const TopicRule& t = *field.topics;
    std::string prefix = t.primary_only ? "primary_topic." : "topics.";
    auto add = [&](const std::vector<std::string>& ids, const std::string& key, const std::string& covers) {
      if (!ids.empty()) drafts.push_back({covers, {{prefix + key, ids}}});
    };
    add(t.topic_ids, "id", "topics");
    add(t.subfield_ids, "subfield.id", "topics.subfields");
    add(t.field_ids, "field.id", "topics.fields");
    add(t.domain_ids, "domain.id", "topics.domains");
  }
  if (field.keywords) {
    const KeywordRule& k = *field.keywords;
    if (!k.in_title && !k.in_abstract) {
      return Status::Unsupported(
          "field.keywords only in OpenAlex keywords: the API cannot search them; use a snapshot, or add \"title\" "
          "or \"abstract\" to field.keywords.in");
    }
    std::vector<std::string> phrases;
    for (const std::string& term : k.terms) phrases.push_back(SearchPhrase(term));
    // One search string per clause: its terms are ORed inside the string, not with '|'.
    std::string key = k.in_abstract ? "title_and_abstract.search" : "title.search";
    drafts.push_back({"keywords", {{key, {Join(phrases, " OR ")}}}, true});
  }
  if (field.work_ids_file) drafts.push_back({"work_ids", {{"ids.openalex", field.work_ids}}});
  if (field.combine == FieldDefinition::Combine::kAll && drafts.size() > 1) {
    // Every rule must hold: one query whose clauses are all of the rules' (each rule here has one).
    // A topic rule naming several kinds of ids (topics and subfields, say) is an OR the API cannot
    // join to the other rules: it is left to the scan, keeping the query a superset.
    size_t topic_drafts = std::count_if(drafts.begin(), drafts.end(),
                                        [](const Draft& d) { return d.covers.starts_with("topics"); });
    Draft all{"all", {}, false};
    for (const Draft& d : drafts) {
      if (topic_drafts > 1 && d.covers.starts_with("topics")) continue;
      all.clauses.insert(all.clauses.end(), d.clauses.begin(), d.clauses.end());
      all.search = all.search || d.search;
    }
    drafts = {all};
  }
  if (drafts.empty()) drafts.push_back({"all", {}, false});  // no field rule: every in-scope work
  return drafts;
}

std::vector<Clause> ScopeClauses(const StudyDefinition& study) {
  std::vector<Clause> clauses;
  clauses.push_back({"publication_year", {std::to_string(study.year_from) + "-" + std::to_string(study.year_to)}});
  if (!study.languages.empty() && !study.include_unknown_language) clauses.push_back({"language", study.languages});
  std::vector<std::string> types;
  for (const std::string& type : study.work_types) {
    if (std::find(kApiWorkTypes.begin(), kApiWorkTypes.end(), type) != kApiWorkTypes.end()) types.push_back(type);
  }
  if (!types.empty()) clauses.push_back({"type", types});
  // A joint work has an author country in each group. authorships.countries is what OpenAlex reads
  // from the authors' institutions and affiliations: the scan's countries (docs/counting.md).
  clauses.push_back({"authorships.countries", study.group_a.countries});
  clauses.push_back({"authorships.countries", study.group_b.countries});
  return clauses;
}

// Every combination of the clauses' value chunks: a clause with more values than one filter may
// join becomes several, and the query one per combination.
void Expand(const Draft& draft, size_t max_values, std::vector<ApiFilterQuery>& out) {
  std::vector<std::vector<std::string>> parts(draft.clauses.size());
  for (size_t i = 0; i < draft.clauses.size(); ++i) {
    const Clause& c = draft.clauses[i];
    for (size_t at = 0; at < c.values.size(); at += max_values) {
      std::vector<std::string> chunk(c.values.begin() + at,
                                     c.values.begin() + std::min(c.values.size(), at + max_values));
      parts[i].push_back(c.key + ":" + Join(chunk, "|"));
    }
  }
  std::vector<size_t> pick(parts.size(), 0);
  while (true) {
    std::vector<std::string> clauses;
    for (size_t i = 0; i < parts.size(); ++i) clauses.push_back(parts[i][pick[i]]);
    char id[16];
    std::snprintf(id, sizeof id, "q%03zu", out.size() + 1);
    out.push_back({id, draft.covers, Join(clauses, ","), draft.search});
    size_t i = 0;
    while (i < parts.size() && ++pick[i] == parts[i].size()) pick[i++] = 0;
    if (i == parts.size()) break;
  }
}

}  // namespace

Result<std::vector<ApiFilterQuery>> StudyApiQueries(const StudyDefinition& study, const ApiFilterOptions& options) {
  if (options.max_or_values == 0) return Status::InvalidArgument("max_or_values must be positive");
  std::vector<Clause> scope = ScopeClauses(study);
  if (!options.institution.empty()) {
    Result<Clause> institution = InstitutionClause(options.institution);
    if (!institution.ok()) return institution.status();
    scope.push_back(*institution);
  }
  Result<std::vector<Draft>> drafts = FieldDrafts(study.field);
  if (!drafts.ok()) return drafts.status();
  std::vector<ApiFilterQuery> queries;
  for (Draft& draft : *drafts) {
    draft.clauses.insert(draft.clauses.begin(), scope.begin(), scope.end());
    Expand(draft, options.max_or_values, queries);
  }
  return queries;
}

Result<std::vector<ApiTotalsQuery>> StudyApiTotalsQueries(const StudyDefinition& study,
                                                          const ApiFilterOptions& options) {
  constexpr size_t kMaxAlternatives = 4;
  Result<std::vector<Draft>> drafts = FieldDrafts(study.field);
  if (!drafts.ok()) return drafts.status();
  if (drafts->size() > kMaxAlternatives) {
    return Status::Unsupported("the field has " + std::to_string(drafts->size()) +
                               " alternatives; the API's totals are counted exactly for at most 4");
  }
  for (const Draft& d : *drafts) {
    for (const Clause& c : d.clauses) {
      if (c.values.size() > options.max_or_values) {
        return Status::Unsupported("field rule " + d.covers + " lists " + std::to_string(c.values.size()) +
                                   " values, more than one API filter takes: its works cannot be counted once each");
      }
    }
  }
  std::vector<Clause> scope = ScopeClauses(study);
  scope.resize(scope.size() - 2);  // without the two groups' countries (each query names its own)
  std::vector<std::string> both = study.group_a.countries;
  both.insert(both.end(), study.group_b.countries.begin(), study.group_b.countries.end());
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  for (const CountryGroup* group : {&study.group_a, &study.group_b}) {
    if (group->countries.size() > options.max_or_values) {
      return Status::Unsupported("group " + group->name + " has more countries than one API filter takes");
    }
  }

  std::vector<ApiTotalsQuery> queries;
  auto add = [&](std::vector<Clause> clauses, const std::string& group_by, int sign, const std::string& kind,
                 std::vector<std::string> units, int year) {
    std::vector<std::string> parts;
    for (const Clause& c : clauses) parts.push_back(c.key + ":" + Join(c.values, "|"));
    char id[16];
    std::snprintf(id, sizeof id, "t%03zu", queries.size() + 1);
    queries.push_back({id, Join(parts, ","), group_by, sign, kind, std::move(units), year});
  };
  // Every non-empty subset of the alternatives, signed by inclusion–exclusion.
  for (unsigned subset = 1; subset < (1u << drafts->size()); ++subset) {
    std::vector<Clause> field;
    int members = 0;
    for (size_t i = 0; i < drafts->size(); ++i) {
      if (!(subset & (1u << i))) continue;
      ++members;
      field.insert(field.end(), (*drafts)[i].clauses.begin(), (*drafts)[i].clauses.end());
    }
    int sign = members % 2 ? 1 : -1;
    for (int year = study.year_from; year <= study.year_to; ++year) {
      std::vector<Clause> clauses = scope;
      clauses[0] = {"publication_year", {std::to_string(year)}};
      clauses.insert(clauses.end(), field.begin(), field.end());
      for (size_t at = 0; at < both.size(); at += options.max_or_values) {
        size_t end = std::min(both.size(), at + options.max_or_values);
        std::vector<std::string> chunk(both.begin() + at, both.begin() + end);
        std::vector<Clause> with_countries = clauses;
        with_countries.push_back({"authorships.countries", chunk});
        add(with_countries, "authorships.countries", sign, "country", chunk, year);
      }
    }
    for (const auto& [unit, group] : {std::pair{"a", &study.group_a}, std::pair{"b", &study.group_b}}) {
      std::vector<Clause> clauses = scope;
      clauses.insert(clauses.end(), field.begin(), field.end());
      clauses.push_back({"authorships.countries", group->countries});
      add(clauses, "publication_year", sign, "group", {unit}, 0);
    }
  }
  return queries;
}

std::vector<std::string> ApiFilterCaveats(const StudyDefinition& study) {
  std::vector<std::string> caveats;
  if (study.field.concepts && study.field.concepts->min_score > 0) {
    caveats.push_back("concepts are fetched at any score; the scan keeps those scoring at least " +
                      std::to_string(study.field.concepts->min_score).substr(0, 4));
  }
  bool thresholds = (study.field.concepts && study.field.concepts->min_score > 0) ||
                    (study.field.topics && study.field.topics->min_score > 0);
  if (thresholds) {
    caveats.push_back("each side's totals (Exhibit 3's denominators) are the API's counts, which cannot apply score "
                      "thresholds: they count the field's works at any score, so shares come out lower than from a "
                      "snapshot; they are whole counts only (fractional shares need a snapshot)");
  }
  if (study.field.topics && study.field.topics->min_score > 0) {
    caveats.push_back("topics are fetched at any score; the scan applies field.topics.min_score");
  }
  if (study.field.keywords) {
    caveats.push_back(
        "keywords go through the API's title_and_abstract search (stemmed, and priced as a search); the scan keeps "
        "only exact whole-word matches, so a work the search misses is not fetched");
  }
  if (study.include_unknown_language && !study.languages.empty()) {
    caveats.push_back("works of any language are fetched (the API cannot ask for a missing language); the scan "
                      "keeps the study's languages and those without one");
  }
  bool crossref_types = std::any_of(study.work_types.begin(), study.work_types.end(), [](const std::string& type) {
    return std::find(kApiWorkTypes.begin(), kApiWorkTypes.end(), type) == kApiWorkTypes.end();
  });
  if (crossref_types) {
    caveats.push_back("the study's Crossref work types (journal-article, ...) are not API types and are left out "
                      "of the filter: API records carry OpenAlex types only");
  }
  caveats.push_back("XPAC works are " + std::string(study.include_xpac ? "included (include_xpac=true)" : "left out, "
                    "as by the API's default (scope.include_xpac = false)"));
  return caveats;
}

}  // namespace entangle::select
