#include "report/provenance_section.h"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>

#include "report/exhibit_section.h"
#include "report/html_text.h"

namespace entangle::report {
namespace {

// Seconds between two ISO 8601 UTC times ("2024-06-01T10:00:00Z"); -1 when unreadable.
long long SecondsBetween(const std::string& from, const std::string& to) {
  auto parse = [](const std::string& text, std::time_t* out) {
    std::tm tm{};
    if (sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec) != 6) {
      return false;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return true;
  };
  std::time_t a = 0, b = 0;
  if (!parse(from, &a) || !parse(to, &b) || b < a) return -1;
  return static_cast<long long>(b - a);
}

std::string Bytes(uint64_t bytes) {
  if (bytes >= 1'000'000'000) return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9);
  if (bytes >= 1'000'000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  if (bytes >= 1'000) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1e3);
  return fmt::format("{} bytes", bytes);
}

std::string Row(const std::string& label, const std::string& html_value) {
  return fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", Escape(label), html_value);
}

std::string Code(const std::string& text) { return "<code>" + Escape(text) + "</code>"; }

std::string RunTable(const RunRecord& run, const std::string& report_version, const std::string& generated_at) {
  const store::RunInfo& info = run.info();
  std::string out = "<table class=\"kv\">\n";
  out += Row("Study", Escape(info.study_name));
  out += Row("Definition file", Code(info.study_path));
  out += Row("Definition SHA-256",
             Code(info.study_sha256) + (run.stored.sha256_matches
                                            ? " <span class=\"ok\">matches the stored text</span>"
                                            : " <span class=\"bad\">does not match the stored text</span>"));
  std::string inputs;
  for (const std::string& input : info.inputs) inputs += (inputs.empty() ? "" : "<br>") + Code(input);
  out += Row("Inputs", inputs.empty() ? "(none recorded)" : inputs);
  out += Row("Input files",
             fmt::format("{} files, {} on disk", WithThousands(std::to_string(run.file_count)), Bytes(run.file_bytes)));
  out += Row("Snapshot date", Escape(info.snapshot_date.empty() ? "(no updated_date partition)" : info.snapshot_date));
  out += Row("Scanned by", "entangle " + Escape(info.tool_version));
  out += Row("Command line", Code(info.command_line));
  out += Row("Scan started", Escape(info.started_at));
  const std::string finished_at = run.finished_at();
  long long seconds = SecondsBetween(info.started_at, finished_at);
  out += Row("Scan finished", Escape(finished_at.empty() ? "(not recorded: the scan did not finish)" : finished_at) +
                                  (seconds >= 0 ? fmt::format(" ({} s)", seconds) : std::string()));
  out += Row("Threads", Escape(std::to_string(info.threads)));
  out += Row("Report written by", "entangle " + Escape(report_version) + ", " + Escape(generated_at));
  return out + "</table>\n";
}

std::string CountsTable(const RunRecord& run) {
  std::string out = "<table class=\"kv counts\">\n";
  for (const auto& [label, value] : run.counts) {
    out += Row(label, value.empty() ? "<span class=\"muted\">not recorded</span>"
                                    : "<span class=\"num\">" + Escape(WithThousands(value)) + "</span>");
  }
  return out + "</table>\n";
}

std::string Skipped(const RunRecord& run) {
  // Every reason counted, in the stored order; none when the scan never finished.
  if (!run.stored.counts || run.stored.counts->skipped.empty()) return "<p>None: every record was read.</p>\n";
  std::string out =
      "<table class=\"data\"><thead><tr><th>reason</th><th class=\"num\">records</th><th>first "
      "examples (file:line, work id, message)</th></tr></thead><tbody>\n";
  for (const auto& [reason, count] : run.stored.counts->skipped) {
    std::string examples;
    for (const SkipExample& e : run.skip_examples) {
      if (e.reason != reason) continue;
      std::string where = e.file + (e.line.empty() ? "" : ":" + e.line);
      examples += fmt::format("<li>{}{}{}</li>", Code(where), e.work_id.empty() ? "" : " " + Code(e.work_id),
                              e.message.empty() ? "" : " — " + Escape(e.message));
    }
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td><ul class=\"examples\">{}</ul></td></tr>\n",
                       Code(reason), WithThousands(std::to_string(count)), examples);
  }
  return out + "</tbody></table>\n";
}

std::string Issues(const RunRecord& run) {
  if (run.issues.empty()) return "<p>None.</p>\n";
  std::string out = "<ul class=\"issues\">\n";
  for (const InputIssue& i : run.issues) {
    out += fmt::format("<li>{} {}: {}</li>\n", Code(i.kind), Code(i.path), Escape(i.message));
  }
  return out + "</ul>\n";
}

std::string Synthetic(const RunRecord& run) {
  if (!run.synthetic.synthetic) {
    return "<p>No sign of generated data: no input carries <code>SYNTHETIC.txt</code> and no institution or funder id "
           "lies in the range <code>entangle synth</code> invents.</p>\n";
  }
  std::string out = "<p class=\"bad\">These inputs were generated by <code>entangle synth</code>:</p>\n<ul>\n";
  for (const std::string& e : run.synthetic.evidence) out += "<li>" + Escape(e) + "</li>\n";
  return out + "</ul>\n";
}

std::string Files(const RunRecord& run) {
  if (run.files.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  for (const InputFile& f : run.files) {
    rows.push_back({f.path, f.format, f.updated_date, f.size_bytes, f.expected_records, f.records_read});
  }
  return fmt::format("<details><summary>Input files ({} of {})</summary>\n{}</details>\n", run.files.size(),
                     WithThousands(std::to_string(run.file_count)),
                     DataTable("table-input-files",
                               {"path", "format", "updated_date", "size_bytes", "expected_records", "records_read"},
                               rows, kMaxListedFiles));
}

}  // namespace

std::string ProvenanceSection(const RunRecord& run, const std::string& report_version,
                              const std::string& generated_at) {
  std::string out = fmt::format("<section class=\"provenance\" id=\"{}\">\n<h2>Provenance</h2>\n", kProvenanceAnchor);
  out +=
      "<p class=\"definition\">How the numbers above were made: enough to check them and to make them again "
      "from the same inputs.</p>\n";
  out += "<div class=\"prov-grid\">\n<div>\n<h3>Run</h3>\n" + RunTable(run, report_version, generated_at) + "</div>\n";
  out += "<div>\n<h3>Counts</h3>\n" + CountsTable(run) + "</div>\n</div>\n";
  out += "<h3>Skipped records</h3>\n" + Skipped(run);
  out += "<h3>Input issues</h3>\n" + Issues(run);
  out += "<h3 id=\"synthetic-check\">Synthetic-data check</h3>\n" + Synthetic(run);
  out += "<h3>Study definition</h3>\n";
  out += fmt::format("<details open><summary>{} (SHA-256 {})</summary>\n<pre class=\"toml\">{}</pre>\n</details>\n",
                     Escape(run.info().study_path), Escape(run.info().study_sha256.substr(0, 12)) + "…",
                     Escape(run.info().study_toml));
  out += Files(run);
  return out + "</section>\n";
}

}  // namespace entangle::report
