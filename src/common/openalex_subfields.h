#pragma once
// Names of OpenAlex subfields ("1702" is "Artificial Intelligence"), for what people read: the scan
// summary. Databases and JSON keep the ids; a name is only ever added beside one.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace entangle {

// The subfield's English display name, or "" for an id the table does not know (print the id alone
// then: the table holds the subfields seen in real records, not all 252 of OpenAlex).
std::string_view SubfieldName(uint32_t id);

// How many subfields the table names.
size_t KnownSubfieldCount();

}  // namespace entangle
