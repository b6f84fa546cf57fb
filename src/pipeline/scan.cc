#include "pipeline/scan.h"

#include <algorithm>
#include <limits>
#include <atomic>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <fstream>
#include <mutex>
#include <numeric>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "common/clock.h"
#include "common/text_file.h"
#include "common/version.h"
#include "extract/openalex_ids.h"
#include "pipeline/entity_loader.h"
#include "pipeline/progress.h"
#include "pipeline/seen_log.h"
#include "pipeline/work_scanner.h"
#include "select/study_definition.h"
#include "select/work_filter.h"
#include "source/snapshot.h"
#include "store/study_db.h"

namespace entangle {
namespace {

const char* FormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kJsonLines: return "jsonl";
    case InputFormat::kGzipJsonLines: return "jsonl.gz";
    case InputFormat::kApiPage: return "api-page";
    case InputFormat::kJsonDocument: return "json-document";
  }
  return "?";
}

struct FileSlot {
  InputFile input;
  FileContext context;
  std::unique_ptr<ChunkReader> reader;
  bool opened = false, busy = false, done = false;
  uint64_t bytes_reported = 0;
};

// Shared state of one scan: the database, the skip accounting and the first fatal error.
class ScanState {
 public:
  ScanState(const ScanOptions& options, StudyDbWriter& writer, ScanSummary& summary)
      : options_(options), writer_(writer), summary_(summary) {}

  void Skip(SkippedRecord&& r) {
    std::lock_guard lock(mu_);
    uint64_t n = ++summary_.skipped[r.reason];
    if (summary_.skip_examples.size() < 10) {
      summary_.skip_examples.push_back(fmt::format("{}: {}:{}{}: {}", r.reason, r.file, r.line,
                                                   r.work_id.empty() ? "" : " (" + r.work_id + ")", r.message));
    }
    if (n <= options_.max_skip_details) Fail(writer_.PutSkip({r.reason, r.file, r.line, r.work_id, r.message}));
    if (options_.strict) {
      Fail(Status::Aborted(fmt::format("--strict: {} at {}:{}{}: {}", r.reason, r.file, r.line,
                                       r.work_id.empty() ? "" : " (" + r.work_id + ")", r.message)));
    }
  }

  void Issue(ScanIssue issue) {
    std::lock_guard lock(mu_);
    if (options_.strict) {
      Fail(Status::Aborted(fmt::format("--strict: {}: {}: {}", issue.kind, issue.path, issue.message)));
    }
    summary_.issues.push_back(std::move(issue));
  }

  void Joint(const WorkRecord& work, const std::vector<WorkCountryShare>& shares, const CopyKey& key,
             const FileContext& file, uint64_t line) {
    std::lock_guard lock(mu_);
    auto it = stored_joint_.find(work.id);
    if (it != stored_joint_.end()) {
      if (key <= it->second) return;
      Fail(writer_.DeleteWork(work.id));
    }
    auto stored = writer_.PutJointWork(work, shares, file.path, line);
    if (!stored.ok()) return Fail(stored.status());
    stored_joint_[work.id] = key;
  }

  // After duplicates are resolved: a stored joint copy whose work's winning copy is not joint goes.
  Status DropSuperseded(const std::unordered_map<std::string, CopyKey>& joint_winners) {
    for (const auto& [id, key] : stored_joint_) {
      auto it = joint_winners.find(id);
      if (it == joint_winners.end() || it->second != key) ENTANGLE_RETURN_IF_ERROR(writer_.DeleteWork(id));
    }
    return Status::OK();
  }

  void Fail(Status s) {  // callers hold mu_ or are single-threaded
    if (!s.ok() && first_error_.ok()) first_error_ = std::move(s);
    if (!first_error_.ok()) aborted_.store(true);
  }
  void FailLocked(Status s) {
    std::lock_guard lock(mu_);
    Fail(std::move(s));
  }
  bool aborted() const { return aborted_.load(); }
  Status first_error() {
    std::lock_guard lock(mu_);
    return first_error_;
  }
  std::mutex& db_mutex() { return mu_; }

 private:
  const ScanOptions& options_;
  StudyDbWriter& writer_;
  ScanSummary& summary_;
  std::mutex mu_;
  std::atomic<bool> aborted_{false};
  Status first_error_;
  std::unordered_map<std::string, CopyKey> stored_joint_;
};

class WorksPass {
 public:
  WorksPass(const ScanOptions& options, const InputPlan& plan, const WorkFilter& filter,
            const std::unordered_set<uint64_t>& merged, ScanState& state, StudyDbWriter& writer,
            ProgressReporter& progress, std::vector<std::unique_ptr<SeenLog>>& seen_logs)
      : options_(options), filter_(filter), merged_(merged), state_(state), writer_(writer), progress_(progress) {
    for (size_t i = 0; i < plan.works.size(); ++i) {
      FileSlot slot;
      slot.input = plan.works[i];
      slot.context = {static_cast<uint32_t>(i), plan.works[i].path, plan.works[i].updated_date};
      slots_.push_back(std::move(slot));
    }
    // Largest files first: the pass ends with the small ones, so the threads run out of work at
    // nearly the same time (a snapshot's part files range from kilobytes to gigabytes). The order
    // changes no result: copies are ranked by their plan index, not by when they are read.
    open_order_.resize(slots_.size());
    std::iota(open_order_.begin(), open_order_.end(), size_t{0});
    std::stable_sort(open_order_.begin(), open_order_.end(),
                     [this](size_t a, size_t b) { return slots_[a].input.size_bytes > slots_[b].input.size_bytes; });
    for (size_t t = 0; t < seen_logs.size(); ++t) {
      // A dry run stores no joint works, so it does not extract them either.
      WorkScanner::JointSink joint_sink;
      if (!options.dry_run) {
        joint_sink = [this](const WorkRecord& w, const std::vector<WorkCountryShare>& s, const CopyKey& k,
                            const FileContext& f, uint64_t line) { state_.Joint(w, s, k, f, line); };
      }
      scanners_.push_back(std::make_unique<WorkScanner>(
          filter_, merged_, static_cast<uint8_t>(t), std::move(joint_sink),
          [this](SkippedRecord&& r) { state_.Skip(std::move(r)); }, seen_logs[t].get(), options.joint_batch_bytes));
    }
  }

  void Run() {
    std::vector<std::thread> workers;
    for (size_t t = 0; t < scanners_.size(); ++t) workers.emplace_back([this, t] { Work(*scanners_[t]); });
    for (auto& w : workers) w.join();
  }

  std::vector<std::unique_ptr<WorkScanner>>& scanners() { return scanners_; }

 private:
  // A thread keeps to the file it read last, then opens the next one, and only shares another
  // thread's file when none is left to open: each file's inflater stays in one core's cache.
  FileSlot* Acquire(FileSlot* last) {
    std::unique_lock lock(mu_);
    auto available = [](const FileSlot& s) { return s.opened && !s.busy && !s.done; };
    while (true) {
      if (state_.aborted()) return nullptr;
      if (last && available(*last)) {
        last->busy = true;
        return last;
      }
      if (next_unopened_ < open_order_.size()) {
        FileSlot& s = slots_[open_order_[next_unopened_++]];
        s.opened = true;
        s.busy = true;
        return &s;
      }
      for (FileSlot& s : slots_) {
        if (available(s)) {
          s.busy = true;
          return &s;
        }
      }
      bool all_done = std::all_of(slots_.begin(), slots_.end(), [](const FileSlot& s) { return s.done; });
      if (all_done) return nullptr;
      cv_.wait(lock);
    }
  }

  void Release(FileSlot& slot, bool done) {
    {
      std::lock_guard lock(mu_);
      slot.busy = false;
      slot.done = done;
      if (done) slot.reader.reset();
    }
    cv_.notify_all();
  }

  void Work(WorkScanner& scanner) {
    std::string buffer;
    LineChunk chunk;
    uint64_t records_before = 0;
    FileSlot* slot = nullptr;
    while ((slot = Acquire(slot))) {
      if (!slot->reader && !OpenReader(*slot)) {
        Release(*slot, true);
        continue;
      }
      bool more = slot->reader->Next(buffer, chunk);
      uint64_t consumed = slot->reader->compressed_bytes_read();
      progress_.bytes_done += consumed - slot->bytes_reported;
      slot->bytes_reported = consumed;
      if (!more) {
        FinishFile(*slot);
        progress_.files_done++;
        Release(*slot, true);
        continue;
      }
      Release(*slot, false);
      size_t used = size_t(chunk.data.data() + chunk.data.size() - buffer.data());
      scanner.ScanChunk(chunk, buffer.capacity() - used, slot->context);
      progress_.records += scanner.records - records_before;
      records_before = scanner.records;
    }
    if (!state_.aborted()) scanner.FlushJoint();  // an aborted run's database is thrown away
  }

  bool OpenReader(FileSlot& slot) {
    ChunkReaderOptions reader_options;
    reader_options.chunk_bytes = options_.chunk_bytes;
    reader_options.max_line_bytes = options_.max_line_bytes;
    auto reader = ChunkReader::Open(slot.input.path, reader_options);
    if (!reader.ok()) {
      state_.Skip({"unreadable_file", slot.input.path, "", reader.status().message(), 0});
      return false;
    }
    slot.reader = std::move(reader).value();
    return true;
  }

  void FinishFile(FileSlot& slot) {
    const ChunkReader& reader = *slot.reader;
    for (const ReaderIssue& issue : reader.issues()) {
      state_.Skip({ReaderIssueKindName(issue.kind), slot.input.path, "", issue.message, issue.line});
    }
    if (slot.input.expected_records && *slot.input.expected_records != reader.lines_read()) {
      state_.Issue({"manifest_count_mismatch", slot.input.path,
                    fmt::format("the manifest lists {} records, the file has {} lines", *slot.input.expected_records,
                                reader.lines_read())});
    }
    InputFileRow row{slot.input.path, FormatName(slot.input.format), slot.input.updated_date, slot.input.size_bytes,
                     slot.input.expected_records, reader.lines_read(), reader.uncompressed_bytes()};
    std::lock_guard lock(state_.db_mutex());
    uncompressed_bytes += reader.uncompressed_bytes();
    state_.Fail(writer_.PutInputFile(row));
  }

 public:
  uint64_t uncompressed_bytes = 0;

 private:
  const ScanOptions& options_;
  const WorkFilter& filter_;
  const std::unordered_set<uint64_t>& merged_;
  ScanState& state_;
  StudyDbWriter& writer_;
  ProgressReporter& progress_;
  std::vector<FileSlot> slots_;
  std::vector<size_t> open_order_;  // indexes into slots_, largest file first
  size_t next_unopened_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<WorkScanner>> scanners_;
};

// What the worker threads allocated lives in their own malloc arenas; freed from the main thread it
// stays there, out of reach of the main arena, and the next step's memory (duplicates, SQLite's index
// sorter) would add to it. Handing it back to the system keeps the steps' peaks apart.
void ReturnFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// Records the wall seconds of each step of a run into ScanSummary::step_seconds.
class StepClock {
 public:
  explicit StepClock(ScanSummary& summary) : summary_(summary) {}
  void Step(const char* name) {
    auto now = std::chrono::steady_clock::now();
    summary_.step_seconds.emplace_back(name, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  ScanSummary& summary_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

struct TotalsKey {
  CountryIndex unit;
  int year;
  bool operator==(const TotalsKey&) const = default;
};
struct TotalsKeyHash {
  size_t operator()(const TotalsKey& k) const { return std::hash<uint64_t>()((uint64_t(k.unit) << 32) | uint32_t(k.year)); }
};
struct TotalsCell {
  uint64_t whole = 0;
  double fractional = 0;
};

// The winning field-relevant copy of each work (sorted by id), and how it fared against the
// other copies. Kept compact: at full-OpenAlex scale there are millions of these.
struct Winners {
  std::deque<FieldCopy> copies;  // blocks, not one array: no copy when it grows, none of its slack
  std::vector<uint32_t> losing_copies;  // older copies of the same work, field-relevant or not
  std::vector<bool> superseded;         // a newer copy is not field-relevant: the work is out
};

// Resolves duplicate copies (docs/counting.md, "Duplicates"): first among field-relevant copies,
// in place, then against the logged copies that are not.
Result<Winners> ResolveDuplicates(std::vector<std::unique_ptr<WorkScanner>>& scanners,
                                  std::vector<std::unique_ptr<SeenLog>>& seen_logs) {
  Winners w;
  // Memory peaks here at full scale, so the copies are moved, never duplicated: the largest array
  // becomes the result and the others drain into it, freeing their blocks as they go.
  WorkScanner* largest = nullptr;
  for (auto& s : scanners) {
    if (!largest || s->field_copies.size() > largest->field_copies.size()) largest = s.get();
  }
  if (largest) w.copies = std::move(largest->field_copies);
  for (auto& s : scanners) {
    for (; !s->field_copies.empty(); s->field_copies.pop_front()) w.copies.push_back(s->field_copies.front());
  }
  std::sort(w.copies.begin(), w.copies.end(), [](const FieldCopy& a, const FieldCopy& b) {
    return a.id != b.id ? a.id < b.id : a.key < b.key;
  });
  size_t kept = 0;
  for (size_t i = 0; i < w.copies.size(); ++i) {
    if (kept > 0 && w.copies[kept - 1].id == w.copies[i].id) {
      w.copies[kept - 1] = w.copies[i];  // sorted by key: the later copy wins
      ++w.losing_copies[kept - 1];
    } else {
      w.copies[kept++] = w.copies[i];
      w.losing_copies.push_back(0);
    }
  }
  w.copies.resize(kept);
  w.superseded.assign(kept, false);
  // Nearly every logged copy is of a work with no field-relevant copy: a bitmap of hashed ids (8 bits
  // per work, so about 1 in 8 false positives) turns most of them away before a binary search.
  int shift = 64 - std::max(10, static_cast<int>(std::bit_width(kept * 8)));
  std::vector<bool> maybe_relevant(size_t{1} << (64 - shift));
  auto slot = [shift](uint64_t id) { return size_t((id * 0x9E3779B97F4A7C15ull) >> shift); };
  for (const FieldCopy& c : w.copies) maybe_relevant[slot(c.id)] = true;
  auto by_id = [](const FieldCopy& c, uint64_t id) { return c.id < id; };
  for (auto& log : seen_logs) {
    ENTANGLE_RETURN_IF_ERROR(log->ForEach([&](uint64_t id, const CopyKey& key) {
      if (!maybe_relevant[slot(id)]) return;
      auto it = std::lower_bound(w.copies.begin(), w.copies.end(), id, by_id);
      if (it == w.copies.end() || it->id != id) return;
      size_t i = size_t(it - w.copies.begin());
      if (key > it->key) {
        w.superseded[i] = true;
      } else {
        ++w.losing_copies[i];
      }
    }));
  }
  return w;
}

FieldWorkRow MakeFieldWorkRow(const FieldCopy& c, const std::deque<CountryShare>& shares) {
  FieldWorkRow row;
  row.id = "W" + std::to_string(c.id);
  row.year = c.year;
  row.category = std::string(c.groups & kGroupA ? "a" : "") + (c.groups & kGroupB ? "b" : "");
  std::vector<std::string> countries;
  for (uint32_t s = c.shares_begin; s < c.shares_begin + c.shares_count; ++s) {
    if (shares[s].country != kUnknownCountry) countries.push_back(CountryCodeOf(shares[s].country));
  }
  std::sort(countries.begin(), countries.end());
  for (const std::string& code : countries) row.countries += (row.countries.empty() ? "" : " ") + code;
  row.cited_by_count = c.cited_by_count;
  if (c.fwci >= 0) row.fwci = c.fwci;
  if (c.primary_subfield) row.primary_subfield_id = std::to_string(c.primary_subfield);
  if (c.primary_field) row.primary_field_id = std::to_string(c.primary_field);
  return row;
}

// An API cache's totals as the totals table's rows. The API counts whole works only: the
// fractional column is NaN, which SQLite stores as NULL (unknown).
std::vector<TotalRow> ApiTotalRows(const InputPlan& plan) {
  std::vector<TotalRow> rows;
  for (const ApiTotal& t : plan.api_totals) {
    rows.push_back({t.unit_kind, t.unit, t.year, t.whole, std::numeric_limits<double>::quiet_NaN()});
  }
  std::sort(rows.begin(), rows.end(), [](const TotalRow& a, const TotalRow& b) {
    return std::tie(a.unit_kind, a.unit, a.year) < std::tie(b.unit_kind, b.unit, b.year);
  });
  return rows;
}

// Adds up the winners into per-country and per-group totals (or takes an API cache's own).
Status Tally(std::vector<std::unique_ptr<WorkScanner>>& scanners, std::vector<std::unique_ptr<SeenLog>>& seen_logs,
             ScanState& state, StudyDbWriter& writer, const WorkFilter& filter, const InputPlan& plan,
             ScanSummary& summary, StepClock& clock) {
  auto resolved = ResolveDuplicates(scanners, seen_logs);
  if (!resolved.ok()) return resolved.status();
  clock.Step("duplicates");
  const Winners& winners = *resolved;
  std::unordered_map<TotalsKey, TotalsCell, TotalsKeyHash> countries;
  std::map<std::pair<int, int>, TotalsCell> groups;  // (group 0/1, year)
  std::unordered_map<std::string, CopyKey> joint_winners;
  for (size_t i = 0; i < winners.copies.size(); ++i) {
    if (winners.superseded[i]) continue;
    const FieldCopy& c = winners.copies[i];
    ++summary.field_relevant;
    summary.duplicates += winners.losing_copies[i];
    const auto& shares = scanners[c.thread]->shares;
    double group_fraction[2] = {0, 0};
    for (uint32_t s = c.shares_begin; s < c.shares_begin + c.shares_count; ++s) {
      TotalsCell& cell = countries[{shares[s].country, c.year}];
      cell.whole += shares[s].whole ? 1 : 0;
      cell.fractional += shares[s].fractional;
      uint8_t g = filter.GroupsOf(shares[s].country);
      if (g & kGroupA) group_fraction[0] += shares[s].fractional;
      if (g & kGroupB) group_fraction[1] += shares[s].fractional;
    }
    for (int g = 0; g < 2; ++g) {
      if (!(c.groups & (g == 0 ? kGroupA : kGroupB))) continue;
      TotalsCell& cell = groups[{g, c.year}];
      cell.whole += 1;
      cell.fractional += group_fraction[g];
    }
    ENTANGLE_RETURN_IF_ERROR(writer.PutFieldWork(MakeFieldWorkRow(c, shares)));
    if (c.joint()) {
      ++summary.joint;
      ++summary.joint_by_year[c.year];
      ++summary.joint_by_subfield[c.primary_subfield];
      joint_winners.emplace("W" + std::to_string(c.id), c.key);
    }
  }
  ENTANGLE_RETURN_IF_ERROR(state.DropSuperseded(joint_winners));
  std::vector<TotalRow> rows;
  for (const auto& [key, cell] : countries) {
    rows.push_back({"country", CountryCodeOf(key.unit), key.year, cell.whole, cell.fractional});
  }
  for (const auto& [key, cell] : groups) {
    rows.push_back({"group", key.first == 0 ? "a" : "b", key.second, cell.whole, cell.fractional});
  }
  std::sort(rows.begin(), rows.end(), [](const TotalRow& a, const TotalRow& b) {
    return std::tie(a.unit_kind, a.unit, a.year) < std::tie(b.unit_kind, b.unit, b.year);
  });
  if (plan.has_api_totals) {
    summary.notes.push_back({"totals_from_api", plan.snapshot_root,
                             "each side's totals (Exhibit 3's denominators) are the API's group_by counts that "
                             "`entangle fetch` made, whole counting only; the fetched works are only joint ones"});
    return writer.PutTotals(ApiTotalRows(plan));
  }
  return writer.PutTotals(rows);
}

// A dry run writes no database, but the scan still logs the copies it has seen (for duplicates) to
// scratch files: they go to the temporary directory.
Result<std::unique_ptr<StudyDbWriter>> OpenDryRunWriter() {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) {
    return Status::IOError(fmt::format("--dry-run needs a temporary directory for its scratch files (set TMPDIR): {}",
                                       error.message()));
  }
  return StudyDbWriter::CreateDiscarding((dir / "entangle-dry-run").string());
}

RunInfo MakeRunInfo(const ScanOptions& options, const StudyDefinition& study, const InputPlan& plan, int threads) {
  RunInfo info;
  info.study_name = study.name;
  info.study_path = study.source_path;
  info.study_toml = study.source_text;
  info.study_sha256 = study.sha256;
  info.group_a_name = study.group_a.name;
  info.group_a_countries = study.group_a.countries;
  info.group_b_name = study.group_b.name;
  info.group_b_countries = study.group_b.countries;
  info.inputs = options.inputs;
  info.snapshot_date = plan.snapshot_date;
  if (plan.works_manifest) {
    // Planning read and checked the manifest already; the run only keeps its text.
    if (Result<std::string> text = ReadTextFile(plan.works_manifest->path); text.ok()) {
      info.manifest_json = std::move(text).value();
    }
  }
  info.tool_version = kVersion;
  info.command_line = options.command_line;
  info.started_at = NowUtc();
  info.threads = threads;
  return info;
}

}  // namespace

Result<ScanSummary> RunScan(const ScanOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  StepClock clock(summary);
  if (options.inputs.empty()) return Status::InvalidArgument("no input given (a snapshot directory or JSON Lines files)");
  if (options.database_path.empty() && !options.dry_run) {
    return Status::InvalidArgument("no database path given (--db), and not a dry run (--dry-run)");
  }
  auto study = LoadStudyDefinition(options.study_path);
  if (!study.ok()) return study.status();
  auto filter = WorkFilter::Create(*study);
  if (!filter.ok()) return filter.status();
  auto plan = PlanInputs(options.inputs);
  if (!plan.ok()) return plan.status();
  if (plan->works.empty()) {
    std::string why;
    for (const PlanNote& note : plan->notes) why += "; " + note.path + ": " + note.message;
    return Status::NotFound("no works files found in the inputs" + why);
  }
  int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 255);

  summary.threads = threads;
  summary.database_path = options.database_path;
  summary.study_name = study->name;
  summary.study_sha256 = study->sha256;
  summary.snapshot_date = plan->snapshot_date;
  summary.layout = plan->layout;
  summary.include_xpac = study->include_xpac;
  for (const PlanNote& note : plan->notes) summary.notes.push_back({note.kind, note.path, note.message});
  summary.files = plan->works.size();
  uint64_t works_bytes = 0;
  for (const InputFile& f : plan->works) {
    works_bytes += f.size_bytes;
    summary.compressed_input |= f.format == InputFormat::kGzipJsonLines;
  }
  summary.compressed_bytes = works_bytes;

  summary.dry_run = options.dry_run;
  auto writer_or = options.dry_run ? OpenDryRunWriter() : StudyDbWriter::Create(options.database_path);
  if (!writer_or.ok()) return writer_or.status();
  StudyDbWriter& writer = **writer_or;
  ScanState state(options, writer, summary);
  for (const PlanIssue& issue : plan->issues) state.Issue({issue.kind, issue.path, issue.message});

  std::unordered_set<uint64_t> merged;
  std::vector<PlanIssue> merged_issues;
  ENTANGLE_RETURN_IF_ERROR(LoadMergedWorkIds(plan->merged_work_id_files, merged, merged_issues));
  for (const PlanIssue& issue : merged_issues) state.Issue({issue.kind, issue.path, issue.message});
  ENTANGLE_RETURN_IF_ERROR(writer.PutRun(MakeRunInfo(options, *study, *plan, threads)));

  auto entities = LoadEntities(*plan, writer, [&](SkippedRecord&& r) { state.Skip(std::move(r)); });
  if (!entities.ok()) return entities.status();
  summary.institutions = entities->institutions;
  summary.funders = entities->funders;

  {
    ProgressReporter progress(options.progress, works_bytes, plan->works.size());
    std::vector<std::unique_ptr<SeenLog>> seen_logs;
    for (int t = 0; t < threads; ++t) {
      auto log = SeenLog::Create(fmt::format("{}.seen-{}-{}", writer.temp_path(), getpid(), t));
      if (!log.ok()) return log.status();
      seen_logs.push_back(std::move(log).value());
    }
    WorksPass pass(options, *plan, *filter, merged, state, writer, progress, seen_logs);
    clock.Step("setup");
    pass.Run();
    for (auto& s : pass.scanners()) s->ReleaseParsers();
    ReturnFreedMemory();
    clock.Step("works");
    progress.Finish();
    ENTANGLE_RETURN_IF_ERROR(state.first_error());
    summary.uncompressed_bytes = pass.uncompressed_bytes;
    for (auto& s : pass.scanners()) {
      summary.records += s->records;
      summary.works += s->works;
      summary.in_scope += s->in_scope;
      summary.merged_away += s->merged_away;
      summary.xpac_in_scope += s->xpac_in_scope;
      summary.xpac_kept += s->xpac_kept;
    }
    ENTANGLE_RETURN_IF_ERROR(Tally(pass.scanners(), seen_logs, state, writer, *filter, *plan, summary, clock));
  }
  clock.Step("totals");
  ENTANGLE_RETURN_IF_ERROR(state.first_error());
  ReturnFreedMemory();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  RunCounts counts;
  counts.records = summary.records;
  counts.works = summary.works;
  counts.in_scope = summary.in_scope;
  counts.field_relevant = summary.field_relevant;
  counts.joint = summary.joint;
  counts.duplicates = summary.duplicates;
  counts.merged_away = summary.merged_away;
  counts.skipped = summary.skipped;
  counts.finished_at = NowUtc();
  counts.summary_json = summary.ToJson();
  ENTANGLE_RETURN_IF_ERROR(writer.FinishRun(counts));
  ENTANGLE_RETURN_IF_ERROR(writer.Commit());
  clock.Step("commit");  // after the run row is written: in the printed summary, not the database's
  return summary;
}

}  // namespace entangle
