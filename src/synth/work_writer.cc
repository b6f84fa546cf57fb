#include "synth/work_writer.h"

#include <vector>

#include "synth/json_writer.h"
#include "synth/record_parts.h"
#include "synth/rng.h"
#include "synth/text.h"
#include "synth/work_fields.h"

namespace entangle::synth {
namespace {

using F = WorkField;

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
    WriteWorkField(w, f, x);
  }
  w.EndObject();
  out += '\n';
}

}  // namespace entangle::synth
