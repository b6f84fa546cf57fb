#include "synth/work_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "synth/authorship_writer.h"
#include "synth/fragments.h"
#include "synth/json_writer.h"
#include "synth/record_parts.h"
#include "synth/rng.h"
#include "synth/tables.h"
#include "synth/text.h"
#include "synth/work_facts.h"

namespace entangle::synth {
namespace {

enum class F : uint8_t {
  kId, kDoi, kTitle, kDisplayName, kPubYear, kPubDate, kIds, kLanguage, kPrimaryLocation, kHostVenue,
  kAltHostVenues, kType, kTypeCrossref, kIndexedIn, kOpenAccess, kAuthorships, kTopInstitutions,
  kCountriesDistinct, kInstitutionsDistinct, kCorrAuthorIds, kCorrInstIds, kApcList, kApcPaid, kFwci,
  kHasFulltext, kCitedByCount, kCitationPercentile, kCitedByPercentileYear, kBiblio, kIsRetracted, kIsParatext,
  kPrimaryTopic, kTopics, kKeywords, kConcepts, kMesh, kLocationsCount, kLocations, kBestOa, kSdgs, kGrants,
  kAwards, kFunders, kDatasets, kVersions, kRefCount, kRefs, kRelated, kAbstract, kCitedByApiUrl, kCountsByYear,
  kUpdatedDate, kCreatedDate, kUpdated, kAuthorsCount, kHasAbstract, kIsXpac, kHasContent, kConceptsCount,
};

// Key orders seen in real dumps: the 2023 snapshot's (Python dict order), an id-first 2023 order, the API's,
// an API variant, and Walden's.
const std::vector<F> kOrders2023[] = {
    {F::kIsRetracted, F::kIsParatext, F::kCitedByApiUrl, F::kCountsByYear, F::kBiblio, F::kPrimaryLocation,
     F::kRelated, F::kLanguage, F::kType, F::kTitle, F::kCorrInstIds, F::kPubDate, F::kAuthorships, F::kOpenAccess,
     F::kId, F::kAbstract, F::kMesh, F::kGrants, F::kBestOa, F::kCitedByCount, F::kConceptsCount, F::kRefs,
     F::kDisplayName, F::kPubYear, F::kConcepts, F::kIds, F::kLocations, F::kLocationsCount, F::kCorrAuthorIds,
     F::kUpdatedDate, F::kCreatedDate, F::kUpdated, F::kDoi, F::kHostVenue, F::kAltHostVenues},
    {F::kId, F::kDoi, F::kTitle, F::kDisplayName, F::kPubYear, F::kPubDate, F::kIds, F::kLanguage, F::kHostVenue,
     F::kAltHostVenues, F::kPrimaryLocation, F::kType, F::kOpenAccess, F::kAuthorships, F::kCitedByCount, F::kBiblio,
     F::kIsRetracted, F::kIsParatext, F::kConcepts, F::kMesh, F::kGrants, F::kRefs, F::kRelated, F::kAbstract,
     F::kCountsByYear, F::kCitedByApiUrl, F::kUpdatedDate, F::kCreatedDate},
};
const std::vector<F> kOrders2025[] = {
    {F::kId, F::kDoi, F::kTitle, F::kDisplayName, F::kPubYear, F::kPubDate, F::kIds, F::kLanguage,
     F::kPrimaryLocation, F::kType, F::kTypeCrossref, F::kIndexedIn, F::kOpenAccess, F::kAuthorships,
     F::kCountriesDistinct, F::kInstitutionsDistinct, F::kCorrAuthorIds, F::kCorrInstIds, F::kApcList, F::kApcPaid,
     F::kFwci, F::kHasFulltext, F::kCitedByCount, F::kCitationPercentile, F::kCitedByPercentileYear, F::kBiblio,
     F::kIsRetracted, F::kIsParatext, F::kPrimaryTopic, F::kTopics, F::kKeywords, F::kConcepts, F::kMesh,
     F::kLocationsCount, F::kLocations, F::kBestOa, F::kSdgs, F::kGrants, F::kDatasets, F::kVersions, F::kRefCount,
     F::kRefs, F::kRelated, F::kAbstract, F::kCitedByApiUrl, F::kCountsByYear, F::kUpdatedDate, F::kCreatedDate},
    {F::kId, F::kDoi, F::kTitle, F::kDisplayName, F::kAbstract, F::kPubYear, F::kPubDate, F::kLanguage, F::kType,
     F::kTypeCrossref, F::kIds, F::kPrimaryLocation, F::kOpenAccess, F::kCitedByCount, F::kFwci, F::kPrimaryTopic,
     F::kTopics, F::kKeywords, F::kConcepts, F::kGrants, F::kAuthorships, F::kCountriesDistinct,
     F::kInstitutionsDistinct, F::kCorrAuthorIds, F::kCorrInstIds, F::kBiblio, F::kIsRetracted, F::kIsParatext,
     F::kLocations, F::kLocationsCount, F::kBestOa, F::kRefs, F::kRefCount, F::kRelated, F::kCountsByYear,
     F::kCitedByApiUrl, F::kUpdatedDate, F::kCreatedDate},
};
const std::vector<F> kOrdersWalden[] = {
    {F::kId, F::kDoi, F::kTitle, F::kAuthorships, F::kAuthorsCount, F::kTopInstitutions, F::kInstitutionsDistinct,
     F::kCountriesDistinct, F::kCorrAuthorIds, F::kCorrInstIds, F::kPubDate, F::kPubYear, F::kHasAbstract,
     F::kRefCount, F::kRefs, F::kRelated, F::kCitedByApiUrl, F::kCitedByCount, F::kCountsByYear, F::kFwci, F::kIds,
     F::kIndexedIn, F::kLanguage, F::kBiblio, F::kApcList, F::kTopics, F::kKeywords, F::kConcepts,
     F::kLocationsCount, F::kLocations, F::kPrimaryLocation, F::kHasContent, F::kSdgs, F::kGrants, F::kAwards,
     F::kFunders, F::kOpenAccess, F::kType, F::kIsParatext, F::kIsRetracted, F::kIsXpac, F::kMesh, F::kCreatedDate,
     F::kDisplayName, F::kAbstract, F::kUpdatedDate},
    {F::kId, F::kDoi, F::kTitle, F::kDisplayName, F::kPubYear, F::kPubDate, F::kLanguage, F::kType, F::kAuthorships,
     F::kAuthorsCount, F::kTopInstitutions, F::kInstitutionsDistinct, F::kCountriesDistinct, F::kCorrAuthorIds,
     F::kCorrInstIds, F::kHasAbstract, F::kAbstract, F::kTopics, F::kKeywords, F::kConcepts, F::kGrants, F::kAwards,
     F::kFunders, F::kRefCount, F::kRefs, F::kRelated, F::kCitedByApiUrl, F::kCitedByCount, F::kCountsByYear,
     F::kFwci, F::kIds, F::kIndexedIn, F::kBiblio, F::kApcList, F::kLocationsCount, F::kLocations,
     F::kPrimaryLocation, F::kHasContent, F::kSdgs, F::kOpenAccess, F::kIsParatext, F::kIsRetracted, F::kIsXpac,
     F::kMesh, F::kCreatedDate, F::kUpdatedDate},
};


void WriteField(JsonWriter& w, F field, RecordContext& x) {
  const WorkPlan& p = x.plan;
  const Fragments& frag = Fragments::Get();
  const bool w2023 = p.style == Style::kSnapshot2023;
  switch (field) {
    case F::kId:
      w.Key("id");
      w.OpenString();
      AppendWorkUrl(w.out(), p.id);
      w.CloseString();
      break;
    case F::kDoi:
      w.Key("doi");
      if (!x.c.doi) {
        w.Null();
        break;
      }
      w.OpenString();
      w.out() += "https://doi.org/";
      AppendDoi(w.out(), p);
      w.CloseString();
      break;
    case F::kTitle:
    case F::kDisplayName:
      w.Key(field == F::kTitle ? "title" : "display_name");
      w.OpenString();
      {
        Rng title_rng(Mix(p.id, 0x717e));
        TextModel::Get().AppendTitle(title_rng, p, w.out());
      }
      w.CloseString();
      break;
    case F::kPubYear:
      w.Key("publication_year");
      w.Int(p.year);
      break;
    case F::kPubDate:
      w.Key("publication_date");
      w.OpenString();
      AppendDate(w.out(), p.year, p.month, p.day);
      w.CloseString();
      break;
    case F::kIds:
      w.Key("ids");
      w.BeginObject();
      w.Key("openalex");
      w.OpenString();
      AppendWorkUrl(w.out(), p.id);
      w.CloseString();
      if (x.c.doi) {
        w.Key("doi");
        w.OpenString();
        w.out() += "https://doi.org/";
        AppendDoi(w.out(), p);
        w.CloseString();
      }
      if (p.year < 2021) {
        w.Key("mag");
        if (w2023) {
          w.Int(static_cast<int64_t>(p.id));
        } else {
          w.OpenString();
          JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id));
          w.CloseString();
        }
      }
      w.EndObject();
      break;
    case F::kLanguage:
      if (!p.language_key) break;
      w.Key("language");
      if (p.language) w.String(p.language); else w.Null();
      break;
    case F::kPrimaryLocation:
      w.Key("primary_location");
      WriteLocation(w, x, false);
      break;
    case F::kHostVenue: {
      const SourceDef& s = Sources()[p.source];
      w.Key("host_venue");
      w.BeginObject();
      w.Key("id");
      w.OpenString();
      AppendOpenAlexUrl(w.out(), s.id);
      w.CloseString();
      w.Key("issn_l");
      if (s.issn_l[0]) w.String(s.issn_l); else w.Null();
      w.Key("display_name");
      w.String(s.name);
      w.Key("publisher");
      if (s.publisher_name[0]) w.String(s.publisher_name); else w.Null();
      w.Key("type");
      w.String(s.type);
      w.Key("url");
      w.OpenString();
      w.out() += "https://doi.org/";
      AppendDoi(w.out(), p);
      w.CloseString();
      w.Key("is_oa");
      w.Bool(x.c.is_oa);
      w.Key("version");
      w.Null();
      w.Key("license");
      w.Null();
      w.EndObject();
      break;
    }
    case F::kAltHostVenues:
      w.Key("alternate_host_venues");
      w.BeginArray();
      w.EndArray();
      break;
    case F::kType:
      w.Key("type");
      w.String(p.type);
      break;
    case F::kTypeCrossref:
      w.Key("type_crossref");
      w.String(TypeCrossref(p));
      break;
    case F::kIndexedIn:
      w.Key("indexed_in");
      w.BeginArray();
      if (x.c.arxiv) w.String("arxiv");
      w.String("crossref");
      w.EndArray();
      break;
    case F::kOpenAccess:
      WriteOpenAccess(w, x);
      break;
    case F::kAuthorships:
      w.Key("authorships");
      WriteAuthorships(w, p, x.rng, x.c.lineage_2023);
      break;
    case F::kTopInstitutions:
      w.Key("institutions");
      w.BeginArray();
      w.EndArray();
      break;
    case F::kCountriesDistinct: {
      int n = CountDistinctCountries(p);
      w.Key("countries_distinct_count");
      w.Int(p.wrong_distinct_counts ? (n == 0 ? 2 : n + 1) : n);  // sometimes wrong, as in real data
      break;
    }
    case F::kInstitutionsDistinct: {
      int n = CountDistinctInstitutions(p);
      w.Key("institutions_distinct_count");
      w.Int(p.wrong_distinct_counts ? std::max(0, n - 1) : n);
      break;
    }
    case F::kCorrAuthorIds:
    case F::kCorrInstIds:
      w.Key(field == F::kCorrAuthorIds ? "corresponding_author_ids" : "corresponding_institution_ids");
      w.BeginArray();
      for (const auto& a : p.authors) {
        if (!a.corresponding) continue;
        if (field == F::kCorrAuthorIds) {
          w.OpenString();
          AppendAuthorUrl(w.out(), a.author_id);
          w.CloseString();
        } else {
          for (int k = 0; k < a.affiliation_count; ++k) {
            w.OpenString();
            AppendOpenAlexUrl(w.out(), Institutions()[a.affiliations[k].institution].id);
            w.CloseString();
          }
        }
      }
      w.EndArray();
      break;
    case F::kApcList:
    case F::kApcPaid:
      w.Key(field == F::kApcList ? "apc_list" : "apc_paid");
      if (x.c.apc == 0) {
        w.Null();
        break;
      }
      w.BeginObject();
      w.Key("value");
      w.Int(x.c.apc);
      w.Key("currency");
      w.String("USD");
      w.Key("value_usd");
      w.Int(x.c.apc);
      w.EndObject();
      break;
    case F::kFwci:
      w.Key("fwci");
      if (x.c.fwci_e3 < 0) w.Null(); else w.Decimal(x.c.fwci_e3, 3);
      break;
    case F::kHasFulltext:
      w.Key("has_fulltext");
      w.Bool(x.c.arxiv);
      break;
    case F::kCitedByCount:
      w.Key("cited_by_count");
      w.Int(p.cited_by_count);
      break;
    case F::kCitationPercentile: {
      int64_t v = std::min<int64_t>(999999, 300000 + p.cited_by_count * 9000);
      w.Key("citation_normalized_percentile");
      w.BeginObject();
      w.Key("value");
      w.Decimal(v, 6);
      w.Key("is_in_top_1_percent");
      w.Bool(v >= 990000);
      w.Key("is_in_top_10_percent");
      w.Bool(v >= 900000);
      w.EndObject();
      break;
    }
    case F::kCitedByPercentileYear: {
      int64_t v = std::min<int64_t>(98, 30 + p.cited_by_count);
      w.Key("cited_by_percentile_year");
      w.BeginObject();
      w.Key("min");
      w.Int(v);
      w.Key("max");
      w.Int(v + 1);
      w.EndObject();
      break;
    }
    case F::kBiblio: {
      char buf[16];
      w.Key("biblio");
      w.BeginObject();
      w.Key("volume");
      if (x.c.volume) {
        std::snprintf(buf, sizeof(buf), "%d", x.c.volume);
        w.String(buf);
      } else {
        w.Null();
      }
      w.Key("issue");
      if (x.c.issue) {
        std::snprintf(buf, sizeof(buf), "%d", x.c.issue);
        w.String(buf);
      } else {
        w.Null();
      }
      w.Key("first_page");
      std::snprintf(buf, sizeof(buf), "%d", x.c.first_page);
      w.String(buf);
      w.Key("last_page");
      std::snprintf(buf, sizeof(buf), "%d", x.c.first_page + x.c.pages);
      w.String(buf);
      w.EndObject();
      break;
    }
    case F::kIsRetracted:
      w.Key("is_retracted");
      w.Bool(x.c.retracted);
      break;
    case F::kIsParatext:
      w.Key("is_paratext");
      w.Bool(!std::strcmp(p.type, "paratext"));
      break;
    case F::kPrimaryTopic:
      if (!p.primary_topic_key || p.topics.empty()) break;
      w.Key("primary_topic");
      WriteTopic(w, p.topics[0], x.compact);
      break;
    case F::kTopics:
      w.Key("topics");
      w.BeginArray();
      for (const auto& t : p.topics) WriteTopic(w, t, x.compact);
      w.EndArray();
      break;
    case F::kKeywords:
      w.Key("keywords");
      WriteKeywords(w, x);
      break;
    case F::kConcepts:
      w.Key("concepts");
      w.BeginArray();
      for (const auto& c : p.concepts) {
        w.Raw(frag.ConceptPrefix(c.index, p.style));
        JsonWriter::AppendDecimal(w.out(), c.score_e6, 6);
        w.out() += frag.ConceptSuffix(c.index, p.style);
      }
      w.EndArray();
      break;
    case F::kConceptsCount:
      w.Key("concepts_count");
      w.Int(static_cast<int64_t>(p.concepts.size()));
      break;
    case F::kMesh:
    case F::kDatasets:
    case F::kVersions:
      w.Key(field == F::kMesh ? "mesh" : (field == F::kDatasets ? "datasets" : "versions"));
      w.BeginArray();
      w.EndArray();
      break;
    case F::kLocationsCount:
      w.Key("locations_count");
      w.Int(x.c.arxiv ? 2 : 1);
      break;
    case F::kLocations:
      w.Key("locations");
      w.BeginArray();
      WriteLocation(w, x, false);
      if (x.c.arxiv) WriteLocation(w, x, true);
      w.EndArray();
      break;
    case F::kBestOa:
      w.Key("best_oa_location");
      if (x.c.is_oa || x.c.arxiv) WriteLocation(w, x, !x.c.is_oa); else w.Null();
      break;
    case F::kSdgs:
      WriteSdgs(w, x);
      break;
    case F::kGrants:
      w.Key("grants");
      WriteGrants(w, p);
      break;
    case F::kAwards:
      w.Key("awards");
      WriteAwards(w, p);
      break;
    case F::kFunders:
      w.Key("funders");
      WriteFunders(w, p);
      break;
    case F::kRefCount:
      w.Key("referenced_works_count");
      w.Int(x.c.n_refs);
      break;
    case F::kRefs:
      w.Key("referenced_works");
      WriteWorkList(w, x.c.ref_seed, x.c.n_refs);
      break;
    case F::kRelated:
      w.Key("related_works");
      WriteWorkList(w, x.c.ref_seed ^ 0x5eed, x.c.n_related);
      break;
    case F::kAbstract:
      w.Key("abstract_inverted_index");
      if (p.has_abstract) TextModel::Get().WriteInvertedIndex(x.abstract, w); else w.Null();
      break;
    case F::kCitedByApiUrl:
      w.Key("cited_by_api_url");
      w.OpenString();
      w.out() += "https://api.openalex.org/works?filter=cites:W";
      JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id));
      w.CloseString();
      break;
    case F::kCountsByYear:
      w.Key("counts_by_year");
      WriteCountsByYear(w, p);
      break;
    case F::kUpdatedDate:
    case F::kUpdated:
      if (p.updated_date.empty()) break;
      w.Key(field == F::kUpdatedDate ? "updated_date" : "updated");
      w.String(p.updated_date);
      break;
    case F::kCreatedDate:
      w.Key("created_date");
      w.OpenString();
      AppendDate(w.out(), x.c.created_year, x.c.created_month, x.c.created_day);
      if (p.style == Style::kWalden2025) w.out() += "T00:00:00";
      w.CloseString();
      break;
    case F::kAuthorsCount:
      w.Key("authors_count");
      w.Int(static_cast<int64_t>(p.authors.size()));
      break;
    case F::kHasAbstract:
      w.Key("has_abstract");
      w.Bool(p.has_abstract);
      break;
    case F::kIsXpac:
      w.Key("is_xpac");
      w.Bool(false);
      break;
    case F::kHasContent:
      w.Key("has_content");
      w.BeginObject();
      w.Key("pdf");
      w.Bool(x.c.arxiv);
      w.Key("grobid_xml");
      w.Bool(x.c.arxiv);
      w.EndObject();
      break;
  }
}


}  // namespace

void AppendWorkRecord(uint64_t seed, const WorkPlan& p, std::string& out, bool omit_id) {
  Rng rng(Mix(seed, p.index, kSaltText));
  thread_local std::vector<uint32_t> abstract;
  abstract.clear();
  if (p.has_abstract) TextModel::Get().BuildAbstract(rng, p, abstract);
  RecordContext x{p, rng, DrawCosmetics(rng, p), abstract, p.style == Style::kWalden2025};
  JsonWriter w(out, x.compact);
  const std::vector<F>* order = nullptr;
  switch (p.style) {
    case Style::kSnapshot2023: order = &kOrders2023[p.key_order % 2]; break;
    case Style::kApi2025: order = &kOrders2025[p.key_order % 2]; break;
    case Style::kWalden2025: order = &kOrdersWalden[p.key_order % 2]; break;
  }
  w.BeginObject();
  for (F f : *order) {
    if (omit_id && f == F::kId) continue;
    WriteField(w, f, x);
  }
  w.EndObject();
  out += '\n';
}

}  // namespace entangle::synth
