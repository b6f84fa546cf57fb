#include "synth/malformed.h"

#include "synth/json_writer.h"
#include "synth/rng.h"
#include "synth/work_writer.h"

namespace entangle::synth {
namespace {

constexpr const char* kInvalidUtf8[] = {
    "\xC3\x28",          // a lead byte followed by ASCII
    "\xFF",              // never valid in UTF-8
    "\xED\xA0\x80",      // an encoded UTF-16 surrogate
    "\xC0\xAF",          // an overlong encoding of '/'
    "\xE2\x82",          // a truncated 3-byte sequence
};

void AppendId(std::string& out, uint64_t id) {
  out += "\"https://openalex.org/W";
  JsonWriter::AppendInt(out, static_cast<int64_t>(id));
  out += '"';
}

// Inserts `bytes` just inside the title string of the record that starts at `start`.
void InsertIntoTitle(std::string& out, size_t start, const char* bytes) {
  size_t key = out.find("\"title\":", start);
  size_t quote = key == std::string::npos ? std::string::npos : out.find('"', key + 8);
  if (quote == std::string::npos) quote = start + 1;  // unreachable for generated records: they all have a title
  out.insert(quote + 1, bytes);
}

}  // namespace

MalformedReason AppendMalformedLine(uint64_t seed, const Layout& layout, uint64_t k, WorkPlan& plan,
                                    std::string& out) {
  const MalformedReason reason = layout.ReasonOf(seed, k);
  Rng rng(Mix(seed, k, kSaltMalformed + 1));
  const uint64_t index = layout.MalformedIndex(k);
  // Content of an attractive work (often joint and AI): a scanner that let it through would miscount.
  PlanContext ctx{seed, layout.Position(static_cast<int>(rng.Below(static_cast<uint64_t>(layout.partitions))))};
  const size_t start = out.size();
  switch (reason) {
    case MalformedReason::kMalformedJson: {
      const uint64_t variant = rng.Below(10);
      if (variant < 7) {  // truncated mid-record, cut before a non-continuation byte so UTF-8 stays valid
        PlanWork(ctx, index, WorkKind::kMerged, plan);
        AppendWorkRecord(seed, plan, out);
        const size_t len = out.size() - start - 1;  // without '\n'
        size_t cut = start + len / 4 + rng.Below(len / 2 + 1);
        while (cut > start + 1 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
      } else if (variant < 9) {  // a record with a trailing comma, as when a JSON array is split badly
        PlanWork(ctx, index, WorkKind::kMerged, plan);
        AppendWorkRecord(seed, plan, out);
        out.back() = ',';
      } else {
        out += "{\"id\": ";
        AppendId(out, WorkIdNumber(seed, index));
        out += ", \"title\": }";
      }
      break;
    }
    case MalformedReason::kInvalidUtf8:
      PlanWork(ctx, index, WorkKind::kMerged, plan);
      AppendWorkRecord(seed, plan, out);
      out.pop_back();
      InsertIntoTitle(out, start, kInvalidUtf8[rng.Below(std::size(kInvalidUtf8))]);
      break;
    case MalformedReason::kNotAnObject:
      switch (rng.Below(6)) {
        case 0: out += "[]"; break;
        case 1:
          out += "[{\"id\": ";
          AppendId(out, WorkIdNumber(seed, index));
          out += "}]";
          break;
        case 2: AppendId(out, WorkIdNumber(seed, index)); break;
        case 3: out += "42"; break;
        case 4: out += "null"; break;
        default: out += "true"; break;
      }
      break;
    case MalformedReason::kMissingId:
      if (rng.Chance(0.8)) {
        PlanWork(ctx, index, WorkKind::kMerged, plan);
        AppendWorkRecord(seed, plan, out, /*omit_id=*/true);
        out.pop_back();
      } else {
        out += "{\"title\": \"Untitled\", \"publication_year\": 2020}";
      }
      break;
  }
  if (out.empty() || out.back() != '\n') out += '\n';
  return reason;
}

}  // namespace entangle::synth
