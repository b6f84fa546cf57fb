#pragma once
// Internal to extract: whether a record's id makes it a work, the same rule for the JSON walk
// (work_summary.cc) and the Parquet reader (parquet_work.cc), so that both skip a record without an
// id, or another entity's record given as a work, with the same reason and message.
#include <string>
#include <string_view>

#include "extract/work_summary.h"

namespace entangle::extract {

// The entity an OpenAlex id names by its letter when it is not a work ("I27837315" → "institution"),
// else null. Ids are letter and digits; works are W.
inline const char* OtherEntityNamed(std::string_view id) {
  if (id.size() < 2 || id[1] < '0' || id[1] > '9') return nullptr;
  switch (id[0]) {
    case 'A': return "author";
    case 'I': return "institution";
    case 'F': return "funder";
    case 'S': return "source";
    case 'P': return "publisher";
    case 'T': return "topic";
    case 'C': return "concept";
    default: return nullptr;
  }
}

// kNone for a work's id; kMissingId or kNotAWork, with `detail` saying why, otherwise.
inline RecordError CheckWorkIdentity(const std::string& id, std::string& detail) {
  if (id.empty()) {
    detail = "the record has no id";
    return RecordError::kMissingId;
  }
  if (const char* entity = OtherEntityNamed(id)) {
    detail = std::string("an OpenAlex ") + entity + " record (" + id + "), not a work; a snapshot's " + entity +
             " records belong in its own folder, which the scan reads as such";
    return RecordError::kNotAWork;
  }
  return RecordError::kNone;
}

}  // namespace entangle::extract
