// RunTrackerScan: the steps of RunScan (scan.cc) once for the inputs and per study for the rest:
// setup (tracker, plan, merged ids; each study's keyword matcher, database and run row, made on
// the threads; entities read once and written to every database, study_fan_out.h), works (one
// WorksPass serving every study), duplicates (one stream of the seen logs for every study), then
// each study's totals and commit, on the threads.
#include "pipeline/tracker_scan.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/step_clock.h"
#include "pipeline/duplicate_rules.h"
#include "pipeline/entity_loader.h"
#include "pipeline/progress.h"
#include "pipeline/run_row.h"
#include "pipeline/scan_setup.h"
#include "pipeline/scan_state.h"
#include "pipeline/seen_log.h"
#include "pipeline/study_fan_out.h"
#include "pipeline/works_pass.h"
#include "select/tracker.h"
#include "select/work_filter.h"

namespace entangle::pipeline {
namespace {

// One study's part of the run: what a single scan holds on its own.
struct StudyRun {
  const select::TrackerStudy* study = nullptr;
  select::WorkFilter filter;
  ScanSummary summary;
  std::unique_ptr<store::StudyDbWriter> writer;
  std::unique_ptr<ScanState> state;
};

Status FirstError(std::deque<StudyRun>& runs) {
  for (StudyRun& run : runs) ENTANGLE_RETURN_IF_ERROR(run.state->first_error());
  return Status::OK();
}

// Compiles the keyword lists of the tracker's areas into a few databases (select::KeywordLists),
// which the works pass scans once per text each for all the areas (select/shared_judge.h), with a
// view of each list for its filters in `matchers` (WorkFilter::Create takes them from there); each
// study's filter then shares its list's database (`shared_of`, by list). A Hyperscan compile grows
// faster than the number of terms (the ten areas' lists in one database took seconds), so the lists
// go into databases of about 80 terms each, compiled on the threads (each is one more scan of
// every text: two for the four areas of bench/tracker-20.toml cost 6 % more CPU than one). Lists
// that do not compile together are compiled alone, and left out if even that fails:
// WorkFilter::Create compiles such a list again and says which study failed.
void CompileKeywordMatchers(
    const std::vector<select::TrackerStudy>& studies, int threads, select::WorkFilter::MatcherCache& matchers,
    std::map<std::vector<std::string>, std::shared_ptr<const select::KeywordLists>>& shared_of) {
  std::vector<std::vector<std::string>> lists;
  std::set<std::vector<std::string>> distinct;
  size_t terms = 0;
  for (const select::TrackerStudy& study : studies) {
    const auto& keywords = study.study.field.keywords;
    if (keywords && !keywords->terms.empty() && distinct.insert(keywords->terms).second) {
      lists.push_back(keywords->terms);
      terms += keywords->terms.size();
    }
  }
  if (lists.empty()) return;
  size_t parts = std::min(lists.size(), std::max<size_t>(1, (terms + 79) / 80));
  // Largest lists first, each to the part with the fewest terms so far.
  std::vector<size_t> order(lists.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lists[a].size() > lists[b].size(); });
  std::vector<std::vector<std::vector<std::string>>> part_lists(parts);
  std::vector<size_t> part_terms(parts, 0);
  for (size_t i : order) {
    size_t p = size_t(std::min_element(part_terms.begin(), part_terms.end()) - part_terms.begin());
    part_lists[p].push_back(lists[i]);
    part_terms[p] += lists[i].size();
  }
  std::vector<std::shared_ptr<const select::KeywordLists>> compiled(parts);
  (void)ForEachStudy(parts, threads, [&](size_t p) {
    auto part = select::KeywordLists::Compile(part_lists[p]);
    if (part.ok()) compiled[p] = std::move(part).value();
    return Status::OK();
  });
  for (size_t p = 0; p < parts; ++p) {
    for (size_t i = 0; i < part_lists[p].size(); ++i) {
      const std::vector<std::string>& list = part_lists[p][i];
      if (compiled[p]) {
        matchers[list] = compiled[p]->list_matchers[size_t(compiled[p]->IndexOf(list))];
        shared_of[list] = compiled[p];
      } else if (auto alone = select::KeywordMatcher::Compile(list, select::KeywordMatcher::Reports::kAnyMatch);
                 alone.ok()) {
        matchers[list] = std::move(alone).value();
      }
    }
  }
}

}  // namespace

Status CheckStudyKeyIsFileName(const std::string& key) {
  if (key.empty()) return Status::InvalidArgument("a study of the tracker has an empty key");
  if (key.front() == '.' || key.size() > 200) {
    return Status::InvalidArgument(fmt::format(
        "study key \"{}\" cannot name its database file (it starts with '.' or is over 200 characters)", key));
  }
  for (char c : key) {
    bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!safe) {
      return Status::InvalidArgument(fmt::format(
          "study key \"{}\" cannot name its database file: '{}' is not a letter, digit, '.', '-' or '_' (rename "
          "the area file or the pair's key)",
          key, c));
    }
  }
  return Status::OK();
}

Result<TrackerScanSummary> RunTrackerScan(const TrackerScanOptions& tracker_options) {
  auto start = std::chrono::steady_clock::now();
  const ScanOptions& options = tracker_options.scan;
  TrackerScanSummary out;
  StepClock clock([&out](const std::string& step, double seconds) { out.step_seconds.emplace_back(step, seconds); });
  // Everything about the tracker is checked before any input is read.
  auto tracker = select::LoadTrackerDefinition(tracker_options.tracker_path);
  if (!tracker.ok()) return tracker.status();
  if (tracker->studies.empty()) return Status::InvalidArgument(tracker_options.tracker_path + ": no studies");
  std::set<std::string> keys;
  for (const select::TrackerStudy& study : tracker->studies) {
    ENTANGLE_RETURN_IF_ERROR(CheckStudyKeyIsFileName(study.key));
    if (!keys.insert(study.key).second) {
      return Status::InvalidArgument(fmt::format("{}: two studies have the key \"{}\" (the same area and pair twice?)",
                                                 tracker_options.tracker_path, study.key));
    }
  }
  if (tracker_options.out_dir.empty() && !options.dry_run) {
    return Status::InvalidArgument("no output folder given (--out), and not a dry run (--dry-run)");
  }
  int threads = ScanThreads(options);
  std::deque<StudyRun> runs;                  // a deque: the states keep references to their summaries
  select::WorkFilter::MatcherCache matchers;  // an area's keyword rules are compiled once for all its pairs
  // and the areas' lists in a few shared databases, each scanned once per text for all its areas
  std::map<std::vector<std::string>, std::shared_ptr<const select::KeywordLists>> shared_keywords;
  CompileKeywordMatchers(tracker->studies, threads, matchers, shared_keywords);
  for (const select::TrackerStudy& study : tracker->studies) {
    StudyRun& run = runs.emplace_back();
    run.study = &study;
    auto filter = select::WorkFilter::Create(study.study, &matchers);
    if (!filter.ok()) return Status::InvalidArgument(study.key + ": " + filter.status().message());
    run.filter = std::move(filter).value();
    if (const auto& matcher = run.filter.keyword_matcher(); matcher && shared_keywords.count(matcher->terms())) {
      run.filter.ShareKeywordLists(shared_keywords.at(matcher->terms()));
    }
  }
  auto plan = PlanScanInputs(options);
  if (!plan.ok()) return plan.status();
  if (!options.dry_run) {
    std::error_code error;
    std::filesystem::create_directories(tracker_options.out_dir, error);
    if (error)
      return Status::IOError(fmt::format("{}: cannot create the folder: {}", tracker_options.out_dir, error.message()));
  }

  // Each study's database is created with its run row on the threads (schema and prepared
  // statements cost the same for every study).
  for (StudyRun& run : runs) {
    std::string path =
        options.dry_run ? "" : (std::filesystem::path(tracker_options.out_dir) / (run.study->key + ".db")).string();
    DescribeScan(run.study->study, *plan, threads, options, path, run.summary);
  }
  ENTANGLE_RETURN_IF_ERROR(ForEachStudy(runs.size(), threads, [&](size_t i) {
    StudyRun& run = runs[i];
    auto writer = OpenScanWriter(options, run.summary.database_path, "entangle-dry-run-" + run.study->key);
    if (!writer.ok()) return writer.status();
    run.writer = std::move(writer).value();
    return run.writer->PutRun(MakeRunInfo(options, run.study->study, *plan, threads));
  }));
  std::vector<store::StudyDbWriter*> writers;
  for (StudyRun& run : runs) {
    run.state = std::make_unique<ScanState>(options, *run.writer, run.summary);
    writers.push_back(run.writer.get());
  }
  auto issue_for_all = [&](const source::PlanIssue& issue) {
    for (StudyRun& run : runs) run.state->Issue({issue.kind, issue.path, issue.message});
  };
  for (const source::PlanIssue& issue : plan->issues) issue_for_all(issue);
  std::unordered_set<uint64_t> merged;
  std::vector<source::PlanIssue> merged_issues;
  ENTANGLE_RETURN_IF_ERROR(source::LoadMergedWorkIds(plan->merged_work_id_files, merged, merged_issues));
  for (const source::PlanIssue& issue : merged_issues) issue_for_all(issue);
  // Entities are read once and written to the databases in batches, on the threads. A skipped
  // entity is recorded between batches, when no thread writes to the databases.
  EntityFanOut fan_out(writers, threads);
  auto entities = LoadEntities(*plan, fan_out, [&](SkippedRecord&& r) {
    for (StudyRun& run : runs) run.state->Skip(SkippedRecord(r));
  });
  if (!entities.ok()) return entities.status();
  ENTANGLE_RETURN_IF_ERROR(fan_out.Flush());
  for (StudyRun& run : runs) {
    run.summary.institutions = entities->institutions;
    run.summary.funders = entities->funders;
  }

  {
    ProgressReporter progress(options.progress, runs.front().summary.compressed_bytes, plan->works.size());
    std::vector<std::unique_ptr<SeenLog>> seen_logs;
    for (int t = 0; t < threads; ++t) {
      auto log = SeenLog::Create(fmt::format("{}.seen-{}-{}", runs.front().writer->temp_path(), getpid(), t));
      if (!log.ok()) return log.status();
      seen_logs.push_back(std::move(log).value());
    }
    std::vector<PassStudy> pass_studies;
    for (StudyRun& run : runs) {
      pass_studies.push_back({&run.filter, run.state.get(), run.writer.get(), SummaryNeeds(run.study->study)});
    }
    WorksPass pass(options, *plan, std::move(pass_studies), merged, progress, seen_logs);
    clock.Done("setup");
    pass.Run();
    for (auto& s : pass.scanners()) s->ReleaseParsers();
    ReturnFreedMemory();
    clock.Done("works");
    progress.Finish();
    ENTANGLE_RETURN_IF_ERROR(FirstError(runs));
    for (size_t i = 0; i < runs.size(); ++i) {
      runs[i].summary.uncompressed_bytes = pass.uncompressed_bytes;
      AddScannerCounts(pass.scanners(), i, runs[i].summary);
    }
    // Every study's duplicates from one stream of the seen logs, then from the copies only a
    // study's own parse read (WorkScanner::Kept::seen_apart).
    std::vector<DuplicateResolver> resolvers;
    resolvers.reserve(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) resolvers.emplace_back(pass.field_copies(i));
    for (auto& log : seen_logs) {
      ENTANGLE_RETURN_IF_ERROR(log->ForEach([&](uint64_t id, const CopyKey& key) {
        for (DuplicateResolver& resolver : resolvers) resolver.Seen(id, key);
      }));
    }
    for (size_t i = 0; i < runs.size(); ++i) {
      for (auto& s : pass.scanners()) {
        for (const auto& [id, key] : s->kept(i).seen_apart) resolvers[i].Seen(id, key);
      }
    }
    clock.Done("duplicates");
    ENTANGLE_RETURN_IF_ERROR(ForEachStudy(runs.size(), threads, [&](size_t i) {
      StudyRun& run = runs[i];
      run.summary.step_seconds = out.step_seconds;
      StepClock study_clock(
          [&run](const std::string& step, double seconds) { run.summary.step_seconds.emplace_back(step, seconds); });
      Winners winners = resolvers[i].Take();
      return WriteStudyTotals(winners, pass.shares(i), run.filter, *plan, *run.state, *run.writer, run.summary,
                              study_clock);
    }));
  }
  // No study database is replaced unless every study got this far.
  ENTANGLE_RETURN_IF_ERROR(FirstError(runs));
  // Once for every study: malloc_trim walks every arena and unmaps page by page (3,600 madvise calls
  // for twenty studies on bench-20000, 7 % of the run's CPU), and from the commits' threads each
  // unmapping would interrupt the other thread to flush its TLB.
  ReturnFreedMemory();
  ENTANGLE_RETURN_IF_ERROR(ForEachStudy(runs.size(), threads, [&](size_t i) {
    StudyRun& run = runs[i];
    StepClock study_clock(
        [&run](const std::string& step, double seconds) { run.summary.step_seconds.emplace_back(step, seconds); });
    return CommitStudyScan(*run.state, *run.writer, run.summary, study_clock, start);
  }));

  out.tracker_name = tracker->name;
  out.tracker_path = tracker_options.tracker_path;
  out.out_dir = tracker_options.out_dir;
  out.threads = threads;
  out.dry_run = options.dry_run;
  const ScanSummary& first = runs.front().summary;
  out.records = first.records;
  out.files = first.files;
  out.compressed_bytes = first.compressed_bytes;
  out.uncompressed_bytes = first.uncompressed_bytes;
  for (StudyRun& run : runs) {
    out.studies.push_back({run.study->key, run.study->area, run.study->pair, std::move(run.summary)});
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.dry_run) {
    ENTANGLE_RETURN_IF_ERROR(
        WriteFileAtomically((std::filesystem::path(tracker_options.out_dir) / "tracker.json").string(), out.ToJson()));
  }
  return out;
}

std::string TrackerScanSummary::ToJson() const {
  nlohmann::ordered_json json;
  json["tracker"] = tracker_name;
  json["tracker_path"] = tracker_path;
  json["out"] = out_dir;
  json["dry_run"] = dry_run;
  json["records"] = records;
  json["files"] = files;
  json["compressed_bytes"] = compressed_bytes;
  json["uncompressed_bytes"] = uncompressed_bytes;
  json["threads"] = threads;
  json["seconds"] = seconds;
  nlohmann::ordered_json steps = nlohmann::ordered_json::object();
  for (const auto& [step, s] : step_seconds) steps[step] = s;
  json["step_seconds"] = steps;
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (const TrackerStudyScan& study : studies) {
    nlohmann::ordered_json entry;
    entry["key"] = study.key;
    entry["area"] = study.area;
    entry["pair"] = study.pair;
    entry["database"] = dry_run ? "" : std::filesystem::path(study.summary.database_path).filename().string();
    entry["summary"] = nlohmann::ordered_json::parse(study.summary.ToJson());
    entries.push_back(std::move(entry));
  }
  json["studies"] = std::move(entries);
  return json.dump(2) + "\n";
}

std::string TrackerScanSummary::ToText() const {
  std::string text = fmt::format(
      "Tracker {}: {} stud{}, one pass over {} record{} in {} file{}, {:.1f} s ({} thread{}){}\n", tracker_name,
      studies.size(), studies.size() == 1 ? "y" : "ies", records, records == 1 ? "" : "s", files, files == 1 ? "" : "s",
      seconds, threads, threads == 1 ? "" : "s", dry_run ? ", dry run: no database written" : "");
  size_t width = 0;
  for (const TrackerStudyScan& study : studies) width = std::max(width, study.key.size());
  text += fmt::format("  {:<{}}  {:>10}  {:>14}  {:>10}  {}\n", "study", width, "joint", "field-relevant", "in scope",
                      dry_run ? "" : "database");
  for (const TrackerStudyScan& study : studies) {
    const ScanSummary& s = study.summary;
    text += fmt::format("  {:<{}}  {:>10}  {:>14}  {:>10}  {}\n", study.key, width, s.joint, s.field_relevant,
                        s.in_scope, s.database_path);
    if (s.skipped_total() > 0 || !s.issues.empty()) {
      text += fmt::format("  {:<{}}  {} skipped records, {} input issues (see {}/tracker.json)\n", "", width,
                          s.skipped_total(), s.issues.size(), out_dir);
    }
  }
  return text;
}

}  // namespace entangle::pipeline
