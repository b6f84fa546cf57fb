#pragma once
// Full extraction of a work (for joint works, a small fraction of all records) and of
// institution and funder entities. These use simdjson's DOM: records here are rare, and reading
// fields by name in any order keeps the code plain.
#include <string>

#include <simdjson.h>

#include "common/status.h"
#include "extract/work_record.h"

namespace entangle::extract {

// `data` must have SIMDJSON_PADDING readable bytes after `len`.
Status ParseWorkRecord(simdjson::dom::parser& parser, const char* data, size_t len, WorkRecord& out);
Status ParseInstitutionEntity(simdjson::dom::parser& parser, const char* data, size_t len, InstitutionEntity& out);
Status ParseFunderEntity(simdjson::dom::parser& parser, const char* data, size_t len, FunderEntity& out);

}  // namespace entangle::extract
