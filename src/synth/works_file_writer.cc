#include "synth/works_file_writer.h"

#include <cstdio>

#include "synth/gzip_writer.h"
#include "synth/malformed.h"
#include "synth/rng.h"
#include "synth/work_facts.h"
#include "synth/work_plan.h"
#include "synth/work_writer.h"

namespace entangle::synth {
namespace {

// "2025-11-11T14:50:18.726146": the partition date with a time from the file's own stream.
std::string Timestamp(const std::string& date, Rng& rng) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%sT%02d:%02d:%02d.%06d", date.c_str(), static_cast<int>(rng.Below(24)),
                static_cast<int>(rng.Below(60)), static_cast<int>(rng.Below(60)), static_cast<int>(rng.Below(1000000)));
  return buf;
}

}  // namespace

void WriteWorksFile(const SynthOptions& o, const Layout& L, size_t f, WorksFileOutcome& out) {
  const WorksFile& file = L.files[f];
  const std::string& date = L.dates[static_cast<size_t>(file.partition)];
  const std::string path = o.out_dir + "/data/works/" + file.relative_path;
  GzipFileWriter gz;
  out.status = gz.Open(path, o.compression_level);
  if (!out.status.ok()) return;
  Rng file_rng(Mix(o.seed, f, kSaltFile));
  WorkPlan plan;
  WorkFacts facts;
  Tally& tally = out.tally;
  const uint64_t own = file.end_work - file.first_work;
  size_t next_extra = 0;

  auto write_extra = [&](const ExtraRecord& e) {
    switch (e.kind) {
      case ExtraRecord::Kind::kOlderCopy: {
        const int home = L.PartitionOfWork(e.index);
        PlanWork(PlanContext{o.seed, L.Position(home)}, e.index, WorkKind::kHome, plan);
        MakeOlderCopy(o.seed, plan);
        if (L.partitions > 1) {
          if (plan.style != Style::kWalden2025) plan.updated_date = Timestamp(date, file_rng);
        } else {
          // One partition: the older copy says so by an older updated_date of its own.
          const int64_t back = 1 + static_cast<int64_t>(file_rng.Below(300));
          plan.updated_date = Timestamp(CivilDate(DaysFromCivil(std::stoi(date.substr(0, 4)),
                                                               std::stoi(date.substr(5, 2)),
                                                               std::stoi(date.substr(8, 2))) - back),
                                        file_rng);
        }
        EvaluateWork(plan, facts);
        tally.AddOlderCopy(facts);
        AppendWorkRecord(o.seed, plan, gz.buffer());
        break;
      }
      case ExtraRecord::Kind::kMerged:
        PlanWork(PlanContext{o.seed, L.Position(file.partition)}, L.MergedIndex(e.index), WorkKind::kMerged, plan);
        if (plan.style != Style::kWalden2025) plan.updated_date = Timestamp(date, file_rng);
        tally.AddMerged();
        AppendWorkRecord(o.seed, plan, gz.buffer());
        break;
      case ExtraRecord::Kind::kMalformed:
        tally.AddMalformed(MalformedReasonName(AppendMalformedLine(o.seed, L, e.index, plan, gz.buffer())));
        break;
    }
  };

  for (uint64_t slot = 0; slot <= own && out.status.ok(); ++slot) {
    while (next_extra < file.extras.size() && file.extras[next_extra].slot == slot) {
      write_extra(file.extras[next_extra++]);
    }
    if (slot == own) break;
    const uint64_t w = file.first_work + slot;
    PlanWork(PlanContext{o.seed, L.Position(file.partition)}, w, WorkKind::kHome, plan);
    // Walden records carry no updated_date: readers fall back to the partition's date.
    if (plan.style != Style::kWalden2025) plan.updated_date = Timestamp(date, file_rng);
    EvaluateWork(plan, facts);
    tally.AddHome(plan, facts);
    AppendWorkRecord(o.seed, plan, gz.buffer());
    out.status = gz.MaybeFlush();
  }
  if (!out.status.ok()) return;
  out.status = gz.Close();
  out.file = WrittenFile{file.relative_path, gz.compressed_bytes(), gz.uncompressed_bytes(), tally.records};
}

}  // namespace entangle::synth
