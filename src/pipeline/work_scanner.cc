#include "pipeline/work_scanner.h"

#include <algorithm>
#include <cstring>

#include "pipeline/duplicate_rules.h"
#include "pipeline/seen_log.h"

namespace entangle::pipeline {
namespace {

// One study's answers from the shared judge, in WorkFilter's words (for JudgeCopy).
class JudgedStudy {
 public:
  JudgedStudy(select::SharedJudge& judge, size_t study) : judge_(judge), study_(study) {}
  bool InScope(const extract::WorkSummary&) const { return judge_.InScope(study_); }
  bool ExcludesAsXpac(const extract::WorkSummary&) const { return judge_.ExcludesAsXpac(study_); }
  bool FieldRelevant(const extract::WorkSummary&, select::KeywordMatcher::Scratch*) const {
    return judge_.FieldRelevant(study_);
  }

 private:
  select::SharedJudge& judge_;
  size_t study_;
};

}  // namespace

std::string GuessWorkId(std::string_view line) {
  // OpenAlex writes "id" first; in a broken record the first work URL is the best hint there is.
  constexpr std::string_view kPrefix = "\"https://openalex.org/W";
  size_t at = line.substr(0, 4096).find(kPrefix);
  if (at == std::string_view::npos) return "";
  size_t begin = at + kPrefix.size() - 1, end = begin + 1;
  while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
  return end > begin + 1 ? std::string(line.substr(begin, end - begin)) : "";
}

WorkScanner::WorkScanner(std::vector<Study> studies, const std::unordered_set<uint64_t>& merged_ids,
                         uint8_t thread_index, SeenLog* seen, size_t joint_batch_bytes)
    : merged_ids_(merged_ids), thread_index_(thread_index), seen_(seen), joint_batch_bytes_(joint_batch_bytes) {
  lanes_.resize(studies.size());
  std::vector<const select::WorkFilter*> filters;
  for (const Study& study : studies) filters.push_back(study.filter);
  judge_ = std::make_unique<select::SharedJudge>(filters);
  summary_options_.want_topics = summary_options_.want_concepts = false;  // the union of the studies' below
  for (size_t i = 0; i < studies.size(); ++i) {
    Lane& lane = lanes_[i];
    lane.study = std::move(studies[i]);
    const select::WorkFilter& filter = *lane.study.filter;
    lane.own_options.want_text = filter.needs_text();
    lane.own_options.in_scope = [&filter](const extract::WorkSummary& w) { return filter.InScope(w); };
    summary_options_.want_text |= filter.needs_text();
    lane.own_options.want_topics = lane.study.needs.want_topics;
    lane.own_options.want_concepts = lane.study.needs.want_concepts;
    summary_options_.want_topics |= lane.study.needs.want_topics;
    summary_options_.want_concepts |= lane.study.needs.want_concepts;
  }
  if (lanes_.size() == 1) {
    summary_options_.in_scope = lanes_[0].own_options.in_scope;
  } else {
    // The parse walks the whole record if any study has it in scope (each distinct scope asked once).
    summary_options_.in_scope = [this](const extract::WorkSummary& w) { return judge_->AnyInScope(w); };
  }
}

WorkScanner::WorkScanner(const select::WorkFilter& filter, const std::unordered_set<uint64_t>& merged_ids,
                         uint8_t thread_index, JointSink joint_sink, SkipSink skip_sink, SeenLog* seen,
                         size_t joint_batch_bytes)
    : WorkScanner(std::vector<Study>{Study{&filter, std::move(joint_sink), std::move(skip_sink)}}, merged_ids,
                  thread_index, seen, joint_batch_bytes) {}

void WorkScanner::ScanChunk(const source::LineChunk& chunk, size_t capacity_after, const FileContext& file) {
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
  joint_.clear();
  extract::RecordError error =
      extract::ParseWorkSummary(parser_, data, len, capacity, summary_options_, summary_, detail_);
  if (error == extract::RecordError::kNone) {
    JudgeForEveryStudy(file, line);
  } else if (lanes_.size() == 1) {
    std::string id = summary_.id.empty() ? GuessWorkId(std::string_view(data, len)) : summary_.id;
    lanes_[0].study.skip_sink({extract::RecordErrorName(error), file.path, id, detail_, line});
  } else {
    // The shared parse walked what any study needs; one that needs less (out of its scope, no
    // text) might have parsed the record (SummaryOptions::in_scope): each study's own parse decides
    // for it, as its own scan would. Rare: only broken records come here.
    for (uint32_t i = 0; i < lanes_.size(); ++i) {
      Lane& lane = lanes_[i];
      error = extract::ParseWorkSummary(parser_, data, len, capacity, lane.own_options, summary_, detail_);
      if (error != extract::RecordError::kNone) {
        std::string id = summary_.id.empty() ? GuessWorkId(std::string_view(data, len)) : summary_.id;
        lane.study.skip_sink({extract::RecordErrorName(error), file.path, id, detail_, line});
        continue;
      }
      ++lane.kept.works;
      CopyKey key = MakeCopyKey(summary_.updated_date, file.partition_date, file.index, line);
      judge_->Start(summary_);
      const FieldCopy* copy = KeepCopy(i, key, false);
      if (copy != nullptr && copy->joint() && lane.study.joint_sink) joint_.push_back({i, *copy});
    }
  }
  if (!joint_.empty()) HandleJoint(data, len, file, line);
}

void WorkScanner::JudgeForEveryStudy(const FileContext& file, uint64_t line) {
  CopyKey key = MakeCopyKey(summary_.updated_date, file.partition_date, file.index, line);
  if (seen_ && !IsMergedAway(merged_ids_, summary_.id_number)) seen_->Add(summary_.id_number, key);
  judge_->Start(summary_);
  for (uint32_t i = 0; i < lanes_.size(); ++i) {
    Lane& lane = lanes_[i];
    ++lane.kept.works;
    const FieldCopy* copy = KeepCopy(i, key, true);
    if (copy != nullptr && copy->joint() && lane.study.joint_sink) joint_.push_back({i, *copy});
  }
}

const FieldCopy* WorkScanner::KeepCopy(uint32_t study, const CopyKey& key, bool logged) {
  Lane& lane = lanes_[study];
  CopyFate fate = JudgeCopy(summary_, JudgedStudy(*judge_, study), merged_ids_, lane.kept.copy_counts);
  if (fate == CopyFate::kMergedAway) return nullptr;
  if (fate == CopyFate::kNotInField) {
    if (!logged) lane.kept.seen_apart.emplace_back(summary_.id_number, key);
    return nullptr;
  }
  FieldCopy copy;
  copy.id = summary_.id_number;
  copy.key = key;
  copy.year = static_cast<uint16_t>(summary_.year);
  copy.groups = judge_->GroupsOf(study);
  copy.thread = thread_index_;
  copy.cited_by_count = static_cast<uint32_t>(std::clamp<int64_t>(summary_.cited_by_count, 0, UINT32_MAX));
  copy.fwci = static_cast<float>(summary_.fwci);
  if (summary_.has_primary_topic) {
    copy.primary_subfield = summary_.primary_topic.subfield;
    copy.primary_field = static_cast<uint16_t>(summary_.primary_topic.field);
  }
  RecordShares(lane, copy);
  lane.kept.field_copies.push_back(copy);
  return &lane.kept.field_copies.back();
}

uint64_t WorkScanner::ScanRowGroup(const parquet::ParquetFile& file, int row_group, uint64_t first_row,
                                   const FileContext& context) {
  if (!parquet_) parquet_ = std::make_unique<extract::ParquetWorkReader>(summary_options_.want_text);
  auto where = [&](int64_t row) {
    return "row group " + std::to_string(row_group) + ", row " + std::to_string(row) + " (row " +
           std::to_string(first_row + uint64_t(row)) + " of the file)";
  };
  auto skip_for_all = [&](const SkippedRecord& r) {
    for (Lane& lane : lanes_) lane.study.skip_sink(SkippedRecord(r));
  };
  int64_t group_rows = file.row_group(row_group).num_rows;
  Status status = parquet_->ReadSummaries(file, row_group, summary_options_);
  if (!status.ok()) {
    skip_for_all({"parquet_row_group", context.path, "",
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
    extract::RecordError error = parquet_->Summary(r, summary_, detail_);
    if (error != extract::RecordError::kNone) {
      skip_for_all({extract::RecordErrorName(error), context.path, summary_.id, detail_ + " (" + where(r) + ")", line});
      continue;
    }
    joint_.clear();
    JudgeForEveryStudy(context, line);
    for (const JointCopy& j : joint_) parquet_joint_.push_back({r, j});
  }
  if (parquet_joint_.empty()) return uint64_t(rows);
  // The rest of the row group's columns, only now that it holds a joint work.
  if (Status read = parquet_->ReadRecords(); !read.ok()) {
    for (const ParquetJoint& p : parquet_joint_) {
      lanes_[p.joint.lane].study.skip_sink({"extraction_failed", context.path, "W" + std::to_string(p.joint.copy.id),
                                            read.message() + " (" + where(p.row) + ")", first_row + uint64_t(p.row)});
    }
    return uint64_t(rows);
  }
  int64_t record_row = -1;
  for (const ParquetJoint& p : parquet_joint_) {
    if (p.row != record_row) {  // a row joint in several studies is read once
      parquet_->Record(p.row, record_);
      if (record_.updated_date.empty()) record_.updated_date = context.partition_date;
      record_row = p.row;
    }
    HandOn(p.joint, context, first_row + uint64_t(p.row));
  }
  return uint64_t(rows);
}

void WorkScanner::RecordShares(Lane& lane, FieldCopy& copy) {
  std::deque<CountryShare>& shares = lane.kept.shares;
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
// (bench/README.md, session 6). The held lines are copies: the chunk buffer is reused. A work joint
// in several studies is held and extracted once.
void WorkScanner::HandleJoint(const char* data, size_t len, const FileContext& file, uint64_t line) {
  if (!held_.empty() && held_text_.size() + len + simdjson::SIMDJSON_PADDING > joint_batch_bytes_) FlushJoint();
  if (held_text_.capacity() < joint_batch_bytes_) held_text_.reserve(joint_batch_bytes_);
  held_.push_back({held_text_.size(), len, held_copies_.size(), joint_.size(), &file, line});
  held_copies_.insert(held_copies_.end(), joint_.begin(), joint_.end());
  held_text_.append(data, len);
}

void WorkScanner::FlushJoint() {
  held_text_.append(simdjson::SIMDJSON_PADDING, ' ');  // the DOM parser reads past the last line
  for (const HeldJoint& h : held_) {
    ExtractJoint(held_text_.data() + h.offset, h.len, held_copies_.data() + h.copies_begin, h.copies_count, *h.file,
                 h.line);
  }
  held_.clear();
  held_copies_.clear();
  held_text_.clear();
}

void WorkScanner::ExtractJoint(const char* data, size_t len, const JointCopy* copies, size_t count,
                               const FileContext& file, uint64_t line) {
  Status status = extract::ParseWorkRecord(dom_parser_, data, len, record_);
  if (!status.ok()) {  // the on-demand pass accepted it, so this would be a bug worth seeing
    for (size_t i = 0; i < count; ++i) {
      lanes_[copies[i].lane].study.skip_sink(
          {"extraction_failed", file.path, "W" + std::to_string(copies[i].copy.id), status.message(), line});
    }
    return;
  }
  if (record_.updated_date.empty()) record_.updated_date = file.partition_date;
  for (size_t i = 0; i < count; ++i) HandOn(copies[i], file, line);
}

// Hands record_ to the study's sink with the study's copy of its country shares.
void WorkScanner::HandOn(const JointCopy& joint, const FileContext& file, uint64_t line) {
  const Lane& lane = lanes_[joint.lane];
  const FieldCopy& copy = joint.copy;
  joint_shares_.clear();
  for (uint32_t i = copy.shares_begin; i < copy.shares_begin + copy.shares_count; ++i) {
    const CountryShare& share = lane.kept.shares[i];
    joint_shares_.push_back({CountryCodeOf(share.country), share.fractional});
  }
  lane.study.joint_sink(record_, joint_shares_, copy.key, file, line);
}

}  // namespace entangle::pipeline
