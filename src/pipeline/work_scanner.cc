#include "pipeline/work_scanner.h"

#include <algorithm>
#include <cstring>

#include "pipeline/duplicate_rules.h"
#include "pipeline/seen_log.h"

namespace entangle {

std::string GuessWorkId(std::string_view line) {
  // OpenAlex writes "id" first; in a broken record the first work URL is the best hint there is.
  constexpr std::string_view kPrefix = "\"https://openalex.org/W";
  size_t at = line.substr(0, 4096).find(kPrefix);
  if (at == std::string_view::npos) return "";
  size_t begin = at + kPrefix.size() - 1, end = begin + 1;
  while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
  return end > begin + 1 ? std::string(line.substr(begin, end - begin)) : "";
}

WorkScanner::WorkScanner(const WorkFilter& filter, const std::unordered_set<uint64_t>& merged_ids,
                         uint8_t thread_index, JointSink joint_sink, SkipSink skip_sink, SeenLog* seen,
                         size_t joint_batch_bytes)
    : filter_(filter),
      merged_ids_(merged_ids),
      thread_index_(thread_index),
      joint_sink_(std::move(joint_sink)),
      skip_sink_(std::move(skip_sink)),
      seen_(seen),
      joint_batch_bytes_(joint_batch_bytes) {
  summary_options_.want_text = filter.needs_text();
  summary_options_.in_scope = [&filter](const WorkSummary& w) { return filter.InScope(w); };
  if (filter.keyword_matcher()) scratch_ = std::make_unique<KeywordMatcher::Scratch>(*filter.keyword_matcher());
}

void WorkScanner::ScanChunk(const LineChunk& chunk, size_t capacity_after, const FileContext& file) {
  const char* data = chunk.data.data();
  const char* end = data + chunk.data.size();
  uint64_t line = chunk.first_line;
  while (data < end) {
    const char* newline = static_cast<const char*>(std::memchr(data, '\n', size_t(end - data)));
    if (!newline) newline = end;
    size_t len = size_t(newline - data);
    size_t capacity = size_t(end - data) + capacity_after;
    ScanLine(data, len, capacity, file, line);
    data = newline + 1;
    ++line;
  }
}

void WorkScanner::ReleaseParsers() {
  parser_ = simdjson::ondemand::parser();
  dom_parser_ = simdjson::dom::parser();
}

void WorkScanner::ScanLine(const char* data, size_t len, size_t capacity, const FileContext& file, uint64_t line) {
  size_t first = 0;
  while (first < len && (data[first] == ' ' || data[first] == '\t' || data[first] == '\r')) ++first;
  if (first == len) return;  // blank lines are not records
  ++records;
  RecordError error = ParseWorkSummary(parser_, data, len, capacity, summary_options_, summary_, detail_);
  if (error != RecordError::kNone) {
    std::string id = summary_.id.empty() ? GuessWorkId(std::string_view(data, len)) : summary_.id;
    skip_sink_({RecordErrorName(error), file.path, id, detail_, line});
    return;
  }
  ++works;
  const FieldCopy* copy = KeepCopy(file, line);
  if (copy != nullptr && copy->joint() && joint_sink_) HandleJoint(data, len, *copy, file, line);
}

const FieldCopy* WorkScanner::KeepCopy(const FileContext& file, uint64_t line) {
  CopyFate fate = JudgeCopy(summary_, filter_, merged_ids_, scratch_.get(), copy_counts);
  if (fate == CopyFate::kMergedAway) return nullptr;
  CopyKey key = MakeCopyKey(summary_.updated_date, file.partition_date, file.index, line);
  if (fate == CopyFate::kNotInField) {
    if (seen_) seen_->Add(summary_.id_number, key);
    return nullptr;
  }
  FieldCopy copy;
  copy.id = summary_.id_number;
  copy.key = key;
  copy.year = static_cast<uint16_t>(summary_.year);
  copy.groups = filter_.GroupsOf(summary_);
  copy.thread = thread_index_;
  copy.cited_by_count = static_cast<uint32_t>(std::clamp<int64_t>(summary_.cited_by_count, 0, UINT32_MAX));
  copy.fwci = static_cast<float>(summary_.fwci);
  if (summary_.has_primary_topic) {
    copy.primary_subfield = summary_.primary_topic.subfield;
    copy.primary_field = static_cast<uint16_t>(summary_.primary_topic.field);
  }
  RecordShares(copy);
  field_copies.push_back(copy);
  return &field_copies.back();
}

uint64_t WorkScanner::ScanRowGroup(const parquet::ParquetFile& file, int row_group, uint64_t first_row,
                                   const FileContext& context) {
  if (!parquet_) parquet_ = std::make_unique<ParquetWorkReader>(summary_options_.want_text);
  auto where = [&](int64_t row) {
    return "row group " + std::to_string(row_group) + ", row " + std::to_string(row) + " (row " +
           std::to_string(first_row + uint64_t(row)) + " of the file)";
  };
  int64_t group_rows = file.row_group(row_group).num_rows;
  Status status = parquet_->ReadSummaries(file, row_group, summary_options_);
  if (!status.ok()) {
    skip_sink_({"parquet_row_group", context.path, "",
                status.message() + " (row group " + std::to_string(row_group) + ", " + std::to_string(group_rows) +
                    " rows not read)",
                first_row});
    return 0;
  }
  parquet_joint_.clear();
  const int64_t rows = parquet_->num_rows();
  for (int64_t r = 0; r < rows; ++r) {
    ++records;
    const uint64_t line = first_row + uint64_t(r);
    RecordError error = parquet_->Summary(r, summary_, detail_);
    if (error != RecordError::kNone) {
      skip_sink_({RecordErrorName(error), context.path, summary_.id, detail_ + " (" + where(r) + ")", line});
      continue;
    }
    ++works;
    const FieldCopy* copy = KeepCopy(context, line);
    if (copy != nullptr && copy->joint() && joint_sink_) parquet_joint_.emplace_back(r, *copy);
  }
  if (parquet_joint_.empty()) return uint64_t(rows);
  // The rest of the row group's columns, only now that it holds a joint work.
  if (Status read = parquet_->ReadRecords(); !read.ok()) {
    for (const auto& [r, copy] : parquet_joint_) {
      skip_sink_({"extraction_failed", context.path, "W" + std::to_string(copy.id),
                  read.message() + " (" + where(r) + ")", first_row + uint64_t(r)});
    }
    return uint64_t(rows);
  }
  for (const auto& [r, copy] : parquet_joint_) {
    parquet_->Record(r, record_);
    if (record_.updated_date.empty()) record_.updated_date = context.partition_date;
    joint_shares_.clear();
    for (uint32_t i = copy.shares_begin; i < copy.shares_begin + copy.shares_count; ++i) {
      joint_shares_.push_back({CountryCodeOf(shares[i].country), shares[i].fractional});
    }
    joint_sink_(record_, joint_shares_, copy.key, context, first_row + uint64_t(r));
  }
  return uint64_t(rows);
}

void WorkScanner::RecordShares(FieldCopy& copy) {
  copy.shares_begin = static_cast<uint32_t>(shares.size());
  size_t authors = summary_.author_count();
  auto add = [&](CountryIndex country, bool whole, double fractional) {
    for (size_t i = copy.shares_begin; i < shares.size(); ++i) {
      if (shares[i].country == country) {
        shares[i].fractional += fractional;
        shares[i].whole |= whole;
        return;
      }
    }
    shares.push_back({country, whole, fractional});
  };
  uint32_t begin = 0;
  for (size_t a = 0; a < authors; ++a) {
    uint32_t end = summary_.author_end[a];
    double author_share = 1.0 / double(authors);
    if (end == begin) {
      add(kUnknownCountry, true, author_share);
    } else {
      double each = author_share / double(end - begin);
      for (uint32_t i = begin; i < end; ++i) add(summary_.author_countries[i], true, each);
    }
    begin = end;
  }
  copy.shares_count = static_cast<uint16_t>(shares.size() - copy.shares_begin);
}

// Joint works are held back and extracted in bursts rather than one at a time: extraction and the
// database inserts touch megabytes (DOM tape, SQLite's page cache), and done between two chunks
// they pushed the inflater's state and the chunk out of the core's cache about once per chunk
// (bench/README.md, session 6). The held lines are copies: the chunk buffer is reused.
void WorkScanner::HandleJoint(const char* data, size_t len, const FieldCopy& copy, const FileContext& file,
                              uint64_t line) {
  if (!held_.empty() && held_text_.size() + len + simdjson::SIMDJSON_PADDING > joint_batch_bytes_) FlushJoint();
  if (held_text_.capacity() < joint_batch_bytes_) held_text_.reserve(joint_batch_bytes_);
  held_.push_back({held_text_.size(), len, copy, &file, line});
  held_text_.append(data, len);
}

void WorkScanner::FlushJoint() {
  held_text_.append(simdjson::SIMDJSON_PADDING, ' ');  // the DOM parser reads past the last line
  for (const HeldJoint& h : held_) ExtractJoint(held_text_.data() + h.offset, h.len, h.copy, *h.file, h.line);
  held_.clear();
  held_text_.clear();
}

void WorkScanner::ExtractJoint(const char* data, size_t len, const FieldCopy& copy, const FileContext& file,
                               uint64_t line) {
  Status status = ParseWorkRecord(dom_parser_, data, len, record_);
  if (!status.ok()) {  // the on-demand pass accepted it, so this would be a bug worth seeing
    skip_sink_({"extraction_failed", file.path, "W" + std::to_string(copy.id), status.message(), line});
    return;
  }
  if (record_.updated_date.empty()) record_.updated_date = file.partition_date;
  joint_shares_.clear();
  for (uint32_t i = copy.shares_begin; i < copy.shares_begin + copy.shares_count; ++i) {
    joint_shares_.push_back({CountryCodeOf(shares[i].country), shares[i].fractional});
  }
  joint_sink_(record_, joint_shares_, copy.key, file, line);
}

}  // namespace entangle
