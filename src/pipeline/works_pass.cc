// WorksPass: which thread reads which works file when, and what is written once a file is read.
#include "pipeline/works_pass.h"

#include <algorithm>
#include <numeric>
#include <thread>
#include <utility>

#include <fmt/format.h>

namespace entangle::pipeline {
namespace {

const char* FormatName(source::InputFormat f) {
  switch (f) {
    case source::InputFormat::kJsonLines: return "jsonl";
    case source::InputFormat::kGzipJsonLines: return "jsonl.gz";
    case source::InputFormat::kApiPage: return "api-page";
    case source::InputFormat::kJsonDocument: return "json-document";
    case source::InputFormat::kParquet: return "parquet";
  }
  return "?";
}

}  // namespace

WorksPass::WorksPass(const ScanOptions& options, const source::InputPlan& plan, std::vector<PassStudy> studies,
                     const std::unordered_set<uint64_t>& merged, ProgressReporter& progress,
                     std::vector<std::unique_ptr<SeenLog>>& seen_logs)
    : options_(options), studies_(std::move(studies)), merged_(merged), progress_(progress) {
  for (size_t i = 0; i < plan.works.size(); ++i) {
    FileSlot slot;
    slot.input = plan.works[i];
    slot.context = {static_cast<uint32_t>(i), plan.works[i].path, plan.works[i].updated_date};
    slot.parquet = plan.works[i].format == source::InputFormat::kParquet;
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
    std::vector<WorkScanner::Study> scanned;
    for (const PassStudy& study : studies_) {
      ScanState* state = study.state;
      // A dry run stores no joint works, so it does not extract them either.
      WorkScanner::JointSink joint_sink;
      if (!options.dry_run) {
        joint_sink = [state](const extract::WorkRecord& w, const std::vector<store::WorkCountryShare>& s,
                             const CopyKey& k, const FileContext& f, uint64_t line) { state->Joint(w, s, k, f, line); };
      }
      scanned.push_back({study.filter, std::move(joint_sink), [state](SkippedRecord&& r) { state->Skip(std::move(r)); },
                         study.needs});
    }
    scanners_.push_back(std::make_unique<WorkScanner>(std::move(scanned), merged_, static_cast<uint8_t>(t),
                                                      seen_logs[t].get(), options.joint_batch_bytes));
  }
}

void WorksPass::Run() {
  std::vector<std::thread> workers;
  for (size_t t = 0; t < scanners_.size(); ++t) workers.emplace_back([this, t] { Work(*scanners_[t]); });
  for (auto& w : workers) w.join();
}

std::vector<std::deque<FieldCopy>*> WorksPass::field_copies(size_t study) {
  std::vector<std::deque<FieldCopy>*> copies;
  for (auto& s : scanners_) copies.push_back(&s->kept(study).field_copies);
  return copies;
}

std::vector<const std::deque<CountryShare>*> WorksPass::shares(size_t study) const {
  std::vector<const std::deque<CountryShare>*> shares;
  for (const auto& s : scanners_) shares.push_back(&s->kept(study).shares);
  return shares;
}

bool WorksPass::Aborted() const {
  return std::any_of(studies_.begin(), studies_.end(), [](const PassStudy& s) { return s.state->aborted(); });
}

void WorksPass::Skip(const SkippedRecord& r) {
  for (const PassStudy& s : studies_) s.state->Skip(SkippedRecord(r));
}

void WorksPass::Issue(const ScanIssue& issue) {
  for (const PassStudy& s : studies_) s.state->Issue(issue);
}

// A thread keeps to the file it read last, then opens the next one, and only shares another
// thread's file when none is left to open: each file's inflater stays in one core's cache.
WorksPass::FileSlot* WorksPass::Acquire(FileSlot* last, int* row_group) {
  std::unique_lock lock(mu_);
  *row_group = -1;
  auto available = [](const FileSlot& s) {
    if (!s.opened || s.busy || s.done) return false;
    return !s.parquet || s.next_group < static_cast<int>(s.first_rows.size());
  };
  auto take = [&](FileSlot& s) {
    if (s.parquet && s.parquet_file) {
      *row_group = s.next_group++;
    } else {
      s.busy = true;
    }
    return &s;
  };
  while (true) {
    if (Aborted()) return nullptr;
    if (last && available(*last)) return take(*last);
    if (next_unopened_ < open_order_.size()) {
      FileSlot& s = slots_[open_order_[next_unopened_++]];
      s.opened = true;
      s.busy = true;
      return &s;
    }
    for (FileSlot& s : slots_) {
      if (available(s)) return take(s);
    }
    bool all_done = std::all_of(slots_.begin(), slots_.end(), [](const FileSlot& s) { return s.done; });
    if (all_done) return nullptr;
    cv_.wait(lock);
  }
}

void WorksPass::Release(FileSlot& slot, bool done) {
  {
    std::lock_guard lock(mu_);
    slot.busy = false;
    slot.done = done;
    if (done) slot.reader.reset();
  }
  cv_.notify_all();
}

void WorksPass::Work(WorkScanner& scanner) {
  std::string buffer;
  source::LineChunk chunk;
  uint64_t records_before = 0;
  FileSlot* slot = nullptr;
  int row_group = -1;
  while ((slot = Acquire(slot, &row_group))) {
    if (slot->parquet) {
      if (row_group < 0) {  // this thread opens the file; its row groups are then dealt out
        bool opened = OpenParquet(*slot);
        {
          std::lock_guard lock(mu_);
          slot->busy = false;
          if (!opened || slot->first_rows.empty()) slot->done = true;
        }
        if (opened && slot->first_rows.empty()) FinishFile(*slot);
        if (!opened || slot->first_rows.empty()) progress_.files_done++;
        cv_.notify_all();
        continue;
      }
      ScanRowGroup(scanner, *slot, row_group);
      progress_.records += scanner.records - records_before;
      records_before = scanner.records;
      continue;
    }
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
  if (!Aborted()) scanner.FlushJoint();  // an aborted run's database is thrown away
}

bool WorksPass::OpenParquet(FileSlot& slot) {
  auto file = extract::OpenParquetWorks(slot.input.path);
  if (!file.ok()) {
    Skip({"unreadable_file", slot.input.path, "", file.status().message(), 0});
    progress_.bytes_done += slot.input.size_bytes;
    return false;
  }
  slot.parquet_file = std::move(file).value();
  uint64_t row = 1;
  for (int g = 0; g < slot.parquet_file->num_row_groups(); ++g) {
    slot.first_rows.push_back(row);
    row += static_cast<uint64_t>(slot.parquet_file->row_group(g).num_rows);
  }
  if (slot.first_rows.empty()) progress_.bytes_done += slot.input.size_bytes;
  return true;
}

void WorksPass::ScanRowGroup(WorkScanner& scanner, FileSlot& slot, int row_group) {
  uint64_t rows = scanner.ScanRowGroup(*slot.parquet_file, row_group, slot.first_rows[static_cast<size_t>(row_group)],
                                       slot.context);
  const int groups = static_cast<int>(slot.first_rows.size());
  // Progress in bytes: the file's size spread over its row groups.
  uint64_t share = slot.input.size_bytes / static_cast<uint64_t>(groups);
  bool last = false;
  {
    std::lock_guard lock(mu_);
    slot.rows_read += rows;
    last = ++slot.groups_done == groups;
    if (last) share = slot.input.size_bytes - share * static_cast<uint64_t>(groups - 1);
  }
  progress_.bytes_done += share;
  if (!last) return;
  FinishFile(slot);
  progress_.files_done++;
  {
    std::lock_guard lock(mu_);
    slot.done = true;
    slot.parquet_file.reset();
  }
  cv_.notify_all();
}

bool WorksPass::OpenReader(FileSlot& slot) {
  source::ChunkReaderOptions reader_options;
  reader_options.chunk_bytes = options_.chunk_bytes;
  reader_options.max_line_bytes = options_.max_line_bytes;
  auto reader = source::ChunkReader::Open(slot.input.path, reader_options);
  if (!reader.ok()) {
    Skip({"unreadable_file", slot.input.path, "", reader.status().message(), 0});
    return false;
  }
  slot.reader = std::move(reader).value();
  return true;
}

void WorksPass::FinishFile(FileSlot& slot) {
  if (slot.parquet) {
    uint64_t bytes = 0;  // the row groups' uncompressed size, as the file's metadata gives it
    for (int g = 0; g < slot.parquet_file->num_row_groups(); ++g) {
      bytes += static_cast<uint64_t>(slot.parquet_file->row_group(g).total_byte_size);
    }
    if (slot.input.expected_records && *slot.input.expected_records != slot.rows_read) {
      Issue({"manifest_count_mismatch", slot.input.path,
             fmt::format("the manifest lists {} records, the file has {} rows read", *slot.input.expected_records,
                         slot.rows_read)});
    }
    store::InputFileRow row{slot.input.path,
                            FormatName(slot.input.format),
                            slot.input.updated_date,
                            slot.input.size_bytes,
                            slot.input.expected_records,
                            slot.rows_read,
                            bytes};
    {
      std::lock_guard lock(mu_);
      uncompressed_bytes += bytes;
    }
    for (const PassStudy& s : studies_) {
      std::lock_guard lock(s.state->db_mutex());
      s.state->Fail(s.writer->PutInputFile(row));
    }
    return;
  }
  const source::ChunkReader& reader = *slot.reader;
  for (const source::ReaderIssue& issue : reader.issues()) {
    Skip({source::ReaderIssueKindName(issue.kind), slot.input.path, "", issue.message, issue.line});
  }
  if (slot.input.expected_records && *slot.input.expected_records != reader.lines_read()) {
    Issue({"manifest_count_mismatch", slot.input.path,
           fmt::format("the manifest lists {} records, the file has {} lines", *slot.input.expected_records,
                       reader.lines_read())});
  }
  store::InputFileRow row{slot.input.path,
                          FormatName(slot.input.format),
                          slot.input.updated_date,
                          slot.input.size_bytes,
                          slot.input.expected_records,
                          reader.lines_read(),
                          reader.uncompressed_bytes()};
  {
    std::lock_guard lock(mu_);
    uncompressed_bytes += reader.uncompressed_bytes();
  }
  for (const PassStudy& s : studies_) {
    std::lock_guard lock(s.state->db_mutex());
    s.state->Fail(s.writer->PutInputFile(row));
  }
}

}  // namespace entangle::pipeline
