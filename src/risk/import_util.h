#pragma once
// Internal: pieces shared by the government-list importers.
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "risk/risk.h"

namespace entangle::risk {

// source_date for an import: the option, else the file's modification date.
std::string ImportDate(const std::string& path, const ImportOptions& options);

// Finalises each entry and makes keys unique within the import ("key", "key#2", ...).
Status FinishImport(std::vector<RegistryEntry>& entries);

// Appends "label: value" to a reason, separated by "; ", when value is not empty.
void AddReason(std::string& reason, std::string_view label, std::string_view value);

}  // namespace entangle::risk
