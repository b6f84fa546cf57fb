#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "common/openalex_subfields.h"
#include "pipeline/scan.h"

namespace entangle::pipeline {
namespace {

// "1702"; "" for works without a topic (older snapshot formats have none).
std::string SubfieldKey(uint32_t subfield) { return subfield == 0 ? "" : std::to_string(subfield); }

// "1702 Artificial Intelligence" for a reader; the id alone when the shipped table has no name for it
// (a name is never guessed), "no topic" for works without one.
std::string SubfieldLabel(uint32_t subfield) {
  if (subfield == 0) return "no topic";
  const std::string_view name = SubfieldName(subfield);
  return name.empty() ? SubfieldKey(subfield) : fmt::format("{} {}", subfield, name);
}

std::string LayoutDescription(const std::string& layout) {
  if (layout == "openalex-2026") return "OpenAlex snapshot, 2026 layout (data/jsonl/ with manifest.json)";
  if (layout == "openalex-2023") return "OpenAlex snapshot, 2023 layout (data/<entity>/ with a manifest each)";
  if (layout == "api-cache") return "OpenAlex API pages fetched by `entangle fetch`";
  if (layout == "openalex-cli") return "a download folder of the official OpenAlex CLI (one W….json per work)";
  return "files (JSON Lines, API pages or one work per JSON document)";
}

}  // namespace

uint64_t ScanSummary::skipped_total() const {
  uint64_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

std::string ScanSummary::ToJson() const {
  nlohmann::ordered_json j;
  j["records"] = records;
  j["works"] = works;
  j["in_scope"] = in_scope;
  j["field_relevant"] = field_relevant;
  j["joint"] = joint;
  j["duplicates"] = duplicates;
  j["merged_away"] = merged_away;
  j["xpac"] = {{"in_scope", xpac_in_scope}, {"kept", xpac_kept}, {"include_xpac", include_xpac}};
  j["skipped"] = nlohmann::ordered_json::object();
  for (const auto& [reason, count] : skipped) j["skipped"][reason] = count;
  j["skipped_total"] = skipped_total();
  j["joint_by_year"] = nlohmann::ordered_json::object();
  for (const auto& [year, count] : joint_by_year) j["joint_by_year"][std::to_string(year)] = count;
  j["joint_by_subfield"] = nlohmann::ordered_json::object();
  for (const auto& [subfield, count] : joint_by_subfield) j["joint_by_subfield"][SubfieldKey(subfield)] = count;
  // Beside the counts, not in them: readers of joint_by_subfield keep their id keys.
  j["subfield_names"] = nlohmann::ordered_json::object();
  for (const auto& [subfield, count] : joint_by_subfield) {
    const std::string_view name = SubfieldName(subfield);
    if (!name.empty()) j["subfield_names"][SubfieldKey(subfield)] = std::string(name);
  }
  j["issues"] = nlohmann::ordered_json::array();
  for (const ScanIssue& i : issues) j["issues"].push_back({{"kind", i.kind}, {"path", i.path}, {"message", i.message}});
  j["notes"] = nlohmann::ordered_json::array();
  for (const ScanIssue& n : notes) j["notes"].push_back({{"kind", n.kind}, {"path", n.path}, {"message", n.message}});
  j["layout"] = layout;
  j["skip_examples"] = skip_examples;
  j["institutions"] = institutions;
  j["funders"] = funders;
  j["files"] = files;
  j["compressed_bytes"] = compressed_bytes;
  j["uncompressed_bytes"] = uncompressed_bytes;
  j["seconds"] = seconds;
  j["step_seconds"] = nlohmann::ordered_json::object();
  for (const auto& [step, s] : step_seconds) j["step_seconds"][step] = s;
  j["threads"] = threads;
  j["dry_run"] = dry_run;
  j["database"] = dry_run ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(database_path);
  j["study"] = {{"name", study_name}, {"sha256", study_sha256}};
  j["snapshot_date"] = snapshot_date;
  return j.dump();
}

std::string ScanSummary::ToText() const {
  std::string out;
  out += fmt::format("Study:          {}\n", study_name);
  out += dry_run ? std::string("Database:       none written (dry run)\n")
                 : fmt::format("Database:       {}\n", database_path);
  if (!snapshot_date.empty()) out += fmt::format("Snapshot date:  {}\n", snapshot_date);
  if (!layout.empty()) out += fmt::format("Input layout:   {}\n", LayoutDescription(layout));
  std::string compressed = compressed_input ? fmt::format("{:.1f} MB compressed, ", compressed_bytes / 1e6) : "";
  out += fmt::format("Read:           {} file{}, {}{:.1f} MB of JSON, in {:.2f} s ({} thread{})\n", files,
                     files == 1 ? "" : "s", compressed, uncompressed_bytes / 1e6, seconds, threads,
                     threads == 1 ? "" : "s");
  out += fmt::format("Records:        {} ({} parsed works)\n", records, works);
  out += fmt::format("In scope:       {}\n", in_scope);
  if (xpac_in_scope > 0) {
    out += fmt::format("  XPAC works:   {} in the years, languages and types, {} kept (scope.include_xpac = {})\n",
                       xpac_in_scope, xpac_kept, include_xpac ? "true" : "false");
  }
  out += fmt::format("Field-relevant: {} distinct works ({} older duplicate copies ignored, {} merged away)\n",
                     field_relevant, duplicates, merged_away);
  out += fmt::format("Joint:          {} works\n", joint);
  for (const auto& [year, count] : joint_by_year) out += fmt::format("  {}: {}\n", year, count);
  if (!joint_by_subfield.empty()) out += "Joint by subfield of the primary topic:\n";
  for (const auto& [subfield, count] : joint_by_subfield) {
    out += fmt::format("  {}: {}\n", SubfieldLabel(subfield), count);
  }
  out += fmt::format("Entities:       {} institutions, {} funders\n", institutions, funders);
  if (skipped.empty()) {
    out += "Skipped:        nothing\n";
  } else {
    out += fmt::format("Skipped:        {}\n", skipped_total());
    for (const auto& [reason, count] : skipped) out += fmt::format("  {}: {}\n", reason, count);
    for (const std::string& e : skip_examples) out += fmt::format("  e.g. {}\n", e);
  }
  for (const ScanIssue& i : issues) out += fmt::format("Input issue:    {}: {}: {}\n", i.kind, i.path, i.message);
  for (const ScanIssue& n : notes) out += fmt::format("Note:           {}: {}\n", n.path, n.message);
  return out;
}

}  // namespace entangle::pipeline
