#include "risk/import_util.h"

#include <fmt/format.h>

#include "risk/registry_format.h"

namespace entangle::risk {

std::string ImportDate(const std::string& path, const ImportOptions& options) {
  if (!options.source_date.empty()) return options.source_date;
  std::string date = FileDate(path);
  return date.empty() ? "unknown" : date;
}

Status FinishImport(std::vector<RegistryEntry>& entries) {
  std::map<std::string, int> used;
  for (RegistryEntry& e : entries) {
    int& count = used[e.key];
    if (++count > 1) e.key += fmt::format("#{}", count);
    ENTANGLE_RETURN_IF_ERROR(FinalizeEntry(e));
  }
  return Status::OK();
}

void AddReason(std::string& reason, std::string_view label, std::string_view value) {
  std::string v = TrimCopy(value);
  if (v.empty()) return;
  if (!reason.empty()) reason += "; ";
  if (!label.empty()) reason += fmt::format("{}: ", label);
  reason += v;
}

}  // namespace entangle::risk
