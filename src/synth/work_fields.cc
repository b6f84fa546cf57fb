// What each field of a synthetic work record writes: a table from WorkField to a short writer,
// with the shapes several fields share and the few longer fields as functions above it.
#include "synth/work_fields.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>

#include "synth/authorship_writer.h"
#include "synth/fragments.h"
#include "synth/rng.h"
#include "synth/tables.h"
#include "synth/text.h"
#include "synth/work_facts.h"

namespace entangle::synth {
namespace {

using F = WorkField;

// Shapes that several fields share.

void WriteDoiUrl(JsonWriter& w, const WorkPlan& p) {
  w.OpenString();
  w.out() += "https://doi.org/";
  AppendDoi(w.out(), p);
  w.CloseString();
}

void WriteEmptyArray(JsonWriter& w, const char* key) {
  w.Key(key);
  w.BeginArray();
  w.EndArray();
}

void WriteTitle(JsonWriter& w, RecordContext& x, const char* key) {
  w.Key(key);
  w.OpenString();
  Rng title_rng(Mix(x.plan.id, 0x717e));
  TextModel::Get().AppendTitle(title_rng, x.plan, w.out());
  w.CloseString();
}

void WriteApc(JsonWriter& w, RecordContext& x, const char* key) {
  w.Key(key);
  if (x.c.apc == 0) return w.Null();
  w.BeginObject();
  w.Key("value");
  w.Int(x.c.apc);
  w.Key("currency");
  w.String("USD");
  w.Key("value_usd");
  w.Int(x.c.apc);
  w.EndObject();
}

void WriteUpdated(JsonWriter& w, RecordContext& x, const char* key) {
  if (x.plan.updated_date.empty()) return;
  w.Key(key);
  w.String(x.plan.updated_date);
}

// A number as a JSON string ("12"), as biblio writes volume, issue and pages.
void WriteNumberString(JsonWriter& w, int n) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%d", n);
  w.String(buf);
}

// Volume and issue: null when there is none (0).
void WriteNumberStringOrNull(JsonWriter& w, int n) {
  if (n == 0) return w.Null();
  WriteNumberString(w, n);
}

// A table's text, or null when it is empty (a source's ISSN-L or publisher).
void WriteTextOrNull(JsonWriter& w, const char* text) {
  if (!text[0]) return w.Null();
  w.String(text);
}

// Fields with more than a few lines of their own.

void WriteIds(JsonWriter& w, RecordContext& x) {
  const WorkPlan& p = x.plan;
  w.Key("ids");
  w.BeginObject();
  w.Key("openalex");
  w.OpenString();
  AppendWorkUrl(w.out(), p.id);
  w.CloseString();
  if (x.c.doi) {
    w.Key("doi");
    WriteDoiUrl(w, p);
  }
  if (p.year < 2021) {
    w.Key("mag");
    if (p.style == Style::kSnapshot2023) {
      w.Int(static_cast<int64_t>(p.id));
    } else {
      w.OpenString();
      JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id));
      w.CloseString();
    }
  }
  w.EndObject();
}

void WriteHostVenue(JsonWriter& w, RecordContext& x) {
  const SourceDef& s = Sources()[x.plan.source];
  w.Key("host_venue");
  w.BeginObject();
  w.Key("id");
  w.OpenString();
  AppendOpenAlexUrl(w.out(), s.id);
  w.CloseString();
  w.Key("issn_l");
  WriteTextOrNull(w, s.issn_l);
  w.Key("display_name");
  w.String(s.name);
  w.Key("publisher");
  WriteTextOrNull(w, s.publisher_name);
  w.Key("type");
  w.String(s.type);
  w.Key("url");
  WriteDoiUrl(w, x.plan);
  w.Key("is_oa");
  w.Bool(x.c.is_oa);
  w.Key("version");
  w.Null();
  w.Key("license");
  w.Null();
  w.EndObject();
}

void WriteCorrespondingAuthorIds(JsonWriter& w, RecordContext& x) {
  w.Key("corresponding_author_ids");
  w.BeginArray();
  for (const auto& a : x.plan.authors) {
    if (!a.corresponding || a.author_id == 0) continue;
    w.OpenString();
    AppendAuthorUrl(w.out(), a.author_id);
    w.CloseString();
  }
  w.EndArray();
}

void WriteCorrespondingInstitutionIds(JsonWriter& w, RecordContext& x) {
  w.Key("corresponding_institution_ids");
  w.BeginArray();
  for (const auto& a : x.plan.authors) {
    if (!a.corresponding) continue;
    for (int k = 0; k < a.affiliation_count; ++k) {
      w.OpenString();
      AppendOpenAlexUrl(w.out(), Institutions()[a.affiliations[k].institution].id);
      w.CloseString();
    }
  }
  w.EndArray();
}

void WriteCitationPercentile(JsonWriter& w, RecordContext& x) {
  int64_t v = std::min<int64_t>(999999, 300000 + x.plan.cited_by_count * 9000);
  w.Key("citation_normalized_percentile");
  w.BeginObject();
  w.Key("value");
  w.Decimal(v, 6);
  w.Key("is_in_top_1_percent");
  w.Bool(v >= 990000);
  w.Key("is_in_top_10_percent");
  w.Bool(v >= 900000);
  w.EndObject();
}

void WriteCitedByPercentileYear(JsonWriter& w, RecordContext& x) {
  int64_t v = std::min<int64_t>(98, 30 + x.plan.cited_by_count);
  w.Key("cited_by_percentile_year");
  w.BeginObject();
  w.Key("min");
  w.Int(v);
  w.Key("max");
  w.Int(v + 1);
  w.EndObject();
}

void WriteBiblio(JsonWriter& w, RecordContext& x) {
  w.Key("biblio");
  w.BeginObject();
  w.Key("volume");
  WriteNumberStringOrNull(w, x.c.volume);
  w.Key("issue");
  WriteNumberStringOrNull(w, x.c.issue);
  w.Key("first_page");
  WriteNumberString(w, x.c.first_page);
  w.Key("last_page");
  WriteNumberString(w, x.c.first_page + x.c.pages);
  w.EndObject();
}

void WriteConcepts(JsonWriter& w, RecordContext& x) {
  const WorkPlan& p = x.plan;
  const Fragments& frag = Fragments::Get();
  w.Key("concepts");
  w.BeginArray();
  for (const auto& c : p.concepts) {
    w.Raw(frag.ConceptPrefix(c.index, p.style));
    JsonWriter::AppendDecimal(w.out(), c.score_e6, 6);
    w.out() += frag.ConceptSuffix(c.index, p.style);
  }
  w.EndArray();
}

void WriteHasContent(JsonWriter& w, RecordContext& x) {
  w.Key("has_content");
  w.BeginObject();
  w.Key("pdf");
  w.Bool(x.c.arxiv);
  w.Key("grobid_xml");
  w.Bool(x.c.arxiv);
  w.EndObject();
}

// Writes one field (its key and value; some fields are left out of some records).
using FieldWriter = void (*)(JsonWriter& w, RecordContext& x);

struct FieldEntry {
  F field;
  FieldWriter write;
};

// One entry per field, in the order of F (checked below).
constexpr FieldEntry kFieldWriters[] = {
    {F::kId,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("id");
       w.OpenString();
       AppendWorkUrl(w.out(), x.plan.id);
       w.CloseString();
     }},
    {F::kDoi,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("doi");
       if (!x.c.doi) return w.Null();
       WriteDoiUrl(w, x.plan);
     }},
    {F::kTitle, [](JsonWriter& w, RecordContext& x) { WriteTitle(w, x, "title"); }},
    {F::kDisplayName, [](JsonWriter& w, RecordContext& x) { WriteTitle(w, x, "display_name"); }},
    {F::kPubYear,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("publication_year");
       w.Int(x.plan.year);
     }},
    {F::kPubDate,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("publication_date");
       w.OpenString();
       AppendDate(w.out(), x.plan.year, x.plan.month, x.plan.day);
       w.CloseString();
     }},
    {F::kIds, WriteIds},
    {F::kLanguage,
     [](JsonWriter& w, RecordContext& x) {
       if (!x.plan.language_key) return;
       w.Key("language");
       if (!x.plan.language) return w.Null();
       w.String(x.plan.language);
     }},
    {F::kPrimaryLocation,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("primary_location");
       WriteLocation(w, x, false);
     }},
    {F::kHostVenue, WriteHostVenue},
    {F::kAltHostVenues, [](JsonWriter& w, RecordContext&) { WriteEmptyArray(w, "alternate_host_venues"); }},
    {F::kType,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("type");
       w.String(x.plan.type);
     }},
    {F::kTypeCrossref,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("type_crossref");
       w.String(TypeCrossref(x.plan));
     }},
    {F::kIndexedIn,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("indexed_in");
       w.BeginArray();
       if (x.c.arxiv) w.String("arxiv");
       w.String("crossref");
       w.EndArray();
     }},
    {F::kOpenAccess, WriteOpenAccess},
    {F::kAuthorships,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("authorships");
       WriteAuthorships(w, x.plan, x.rng, x.c.lineage_2023);
     }},
    {F::kTopInstitutions, [](JsonWriter& w, RecordContext&) { WriteEmptyArray(w, "institutions"); }},
    {F::kCountriesDistinct,
     [](JsonWriter& w, RecordContext& x) {
       int n = CountDistinctCountries(x.plan);
       w.Key("countries_distinct_count");
       w.Int(x.plan.wrong_distinct_counts ? (n == 0 ? 2 : n + 1) : n);  // sometimes wrong, as in real data
     }},
    {F::kInstitutionsDistinct,
     [](JsonWriter& w, RecordContext& x) {
       int n = CountDistinctInstitutions(x.plan);
       w.Key("institutions_distinct_count");
       w.Int(x.plan.wrong_distinct_counts ? std::max(0, n - 1) : n);
     }},
    {F::kCorrAuthorIds, WriteCorrespondingAuthorIds},
    {F::kCorrInstIds, WriteCorrespondingInstitutionIds},
    {F::kApcList, [](JsonWriter& w, RecordContext& x) { WriteApc(w, x, "apc_list"); }},
    {F::kApcPaid, [](JsonWriter& w, RecordContext& x) { WriteApc(w, x, "apc_paid"); }},
    {F::kFwci,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("fwci");
       if (x.c.fwci_e3 < 0) return w.Null();
       w.Decimal(x.c.fwci_e3, 3);
     }},
    {F::kHasFulltext,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("has_fulltext");
       w.Bool(x.c.arxiv);
     }},
    {F::kCitedByCount,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("cited_by_count");
       w.Int(x.plan.cited_by_count);
     }},
    {F::kCitationPercentile, WriteCitationPercentile},
    {F::kCitedByPercentileYear, WriteCitedByPercentileYear},
    {F::kBiblio, WriteBiblio},
    {F::kIsRetracted,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("is_retracted");
       w.Bool(x.c.retracted);
     }},
    {F::kIsParatext,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("is_paratext");
       w.Bool(!std::strcmp(x.plan.type, "paratext"));
     }},
    {F::kPrimaryTopic,
     [](JsonWriter& w, RecordContext& x) {
       if (!x.plan.primary_topic_key || x.plan.topics.empty()) return;
       w.Key("primary_topic");
       WriteTopic(w, x.plan.topics[0], x.compact);
     }},
    {F::kTopics,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("topics");
       w.BeginArray();
       for (const auto& t : x.plan.topics) WriteTopic(w, t, x.compact);
       w.EndArray();
     }},
    {F::kKeywords,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("keywords");
       WriteKeywords(w, x);
     }},
    {F::kConcepts, WriteConcepts},
    {F::kMesh, [](JsonWriter& w, RecordContext&) { WriteEmptyArray(w, "mesh"); }},
    {F::kLocationsCount,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("locations_count");
       w.Int(x.c.arxiv ? 2 : 1);
     }},
    {F::kLocations,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("locations");
       w.BeginArray();
       WriteLocation(w, x, false);
       if (x.c.arxiv) WriteLocation(w, x, true);
       w.EndArray();
     }},
    {F::kBestOa,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("best_oa_location");
       if (!x.c.is_oa && !x.c.arxiv) return w.Null();
       WriteLocation(w, x, !x.c.is_oa);
     }},
    {F::kSdgs, WriteSdgs},
    {F::kGrants,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("grants");
       WriteGrants(w, x.plan);
     }},
    {F::kAwards,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("awards");
       WriteAwards(w, x.plan);
     }},
    {F::kFunders,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("funders");
       WriteFunders(w, x.plan);
     }},
    {F::kDatasets, [](JsonWriter& w, RecordContext&) { WriteEmptyArray(w, "datasets"); }},
    {F::kVersions, [](JsonWriter& w, RecordContext&) { WriteEmptyArray(w, "versions"); }},
    {F::kRefCount,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("referenced_works_count");
       w.Int(x.c.n_refs);
     }},
    {F::kRefs,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("referenced_works");
       WriteWorkList(w, x.c.ref_seed, x.c.n_refs);
     }},
    {F::kRelated,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("related_works");
       WriteWorkList(w, x.c.ref_seed ^ 0x5eed, x.c.n_related);
     }},
    {F::kAbstract,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("abstract_inverted_index");
       if (!x.plan.has_abstract) return w.Null();
       TextModel::Get().WriteInvertedIndex(x.abstract, w);
     }},
    {F::kCitedByApiUrl,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("cited_by_api_url");
       w.OpenString();
       w.out() += "https://api.openalex.org/works?filter=cites:W";
       JsonWriter::AppendInt(w.out(), static_cast<int64_t>(x.plan.id));
       w.CloseString();
     }},
    {F::kCountsByYear,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("counts_by_year");
       WriteCountsByYear(w, x.plan);
     }},
    {F::kUpdatedDate, [](JsonWriter& w, RecordContext& x) { WriteUpdated(w, x, "updated_date"); }},
    {F::kCreatedDate,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("created_date");
       w.OpenString();
       AppendDate(w.out(), x.c.created_year, x.c.created_month, x.c.created_day);
       if (x.plan.style == Style::kWalden2025) w.out() += "T00:00:00";
       w.CloseString();
     }},
    {F::kUpdated, [](JsonWriter& w, RecordContext& x) { WriteUpdated(w, x, "updated"); }},
    {F::kAuthorsCount,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("authors_count");
       w.Int(static_cast<int64_t>(x.plan.authors.size()));
     }},
    {F::kHasAbstract,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("has_abstract");
       w.Bool(x.plan.has_abstract);
     }},
    {F::kIsXpac,
     [](JsonWriter& w, RecordContext&) {
       w.Key("is_xpac");
       w.Bool(false);
     }},
    {F::kHasContent, WriteHasContent},
    {F::kConceptsCount,
     [](JsonWriter& w, RecordContext& x) {
       w.Key("concepts_count");
       w.Int(static_cast<int64_t>(x.plan.concepts.size()));
     }},
};

// Every field has its entry, at the index of its F value.
constexpr bool FieldWritersInOrder() {
  if (std::size(kFieldWriters) != static_cast<size_t>(F::kConceptsCount) + 1) return false;
  for (size_t i = 0; i < std::size(kFieldWriters); ++i) {
    if (kFieldWriters[i].field != static_cast<F>(i)) return false;
  }
  return true;
}
static_assert(FieldWritersInOrder(), "kFieldWriters must list every field of F, in F's order");

}  // namespace

void WriteWorkField(JsonWriter& w, WorkField field, RecordContext& x) {
  kFieldWriters[static_cast<size_t>(field)].write(w, x);
}

}  // namespace entangle::synth
