#pragma once
// The fields of a synthetic work record, and how each one is written (its key and value, in the
// record's style): one short entry per field in work_fields.cc. work_writer.cc decides which
// fields a record has, and in which order.
#include <cstdint>

#include "synth/json_writer.h"
#include "synth/record_parts.h"

namespace entangle::synth {

// clang-format off
enum class WorkField : uint8_t {
  kId, kDoi, kTitle, kDisplayName, kPubYear, kPubDate, kIds, kLanguage, kPrimaryLocation, kHostVenue,
  kAltHostVenues, kType, kTypeCrossref, kIndexedIn, kOpenAccess, kAuthorships, kTopInstitutions,
  kCountriesDistinct, kInstitutionsDistinct, kCorrAuthorIds, kCorrInstIds, kApcList, kApcPaid, kFwci,
  kHasFulltext, kCitedByCount, kCitationPercentile, kCitedByPercentileYear, kBiblio, kIsRetracted, kIsParatext,
  kPrimaryTopic, kTopics, kKeywords, kConcepts, kMesh, kLocationsCount, kLocations, kBestOa, kSdgs, kGrants,
  kAwards, kFunders, kDatasets, kVersions, kRefCount, kRefs, kRelated, kAbstract, kCitedByApiUrl, kCountsByYear,
  kUpdatedDate, kCreatedDate, kUpdated, kAuthorsCount, kHasAbstract, kIsXpac, kHasContent, kConceptsCount,
};
// clang-format on

// Writes one field: its key and value (or nothing, for a field some records leave out: language,
// primary_topic, updated_date without a date).
void WriteWorkField(JsonWriter& w, WorkField field, RecordContext& x);

}  // namespace entangle::synth
