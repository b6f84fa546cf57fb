// Micro-benchmarks of the scan's two costs on real records: ISA-L inflate of the real works file,
// and the on-demand work summary over its lines. Run: build/entangle_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <simdjson.h>

#include "extract/work_summary.h"
#include "source/chunk_reader.h"

namespace entangle {
namespace {

const std::string kRealWorks = std::string(ENTANGLE_SHARED_DIR) + "/data/openalex/works-real.jsonl.gz";

std::string ReadAllLines() {
  std::string all;
  auto reader = source::ChunkReader::Open(kRealWorks);
  if (!reader.ok()) return all;
  std::string buffer;
  source::LineChunk chunk;
  while ((*reader)->Next(buffer, chunk)) all.append(chunk.data);
  return all;
}

void BM_InflateRealWorks(benchmark::State& state) {
  uint64_t bytes = 0;
  for (auto _ : state) {
    auto n = source::InflateToNowhere(kRealWorks);
    if (!n.ok()) state.SkipWithError(n.status().ToString().c_str());
    bytes += n.ok() ? *n : 0;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_InflateRealWorks)->Unit(benchmark::kMillisecond);

void BM_ParseWorkSummary(benchmark::State& state) {
  std::string lines = ReadAllLines();
  lines.append(simdjson::SIMDJSON_PADDING, ' ');
  size_t content = lines.size() - simdjson::SIMDJSON_PADDING;
  simdjson::ondemand::parser parser;
  extract::WorkSummary summary;
  extract::SummaryOptions options;
  options.want_text = state.range(0) != 0;
  std::string detail;
  uint64_t records = 0;
  for (auto _ : state) {
    size_t at = 0;
    while (at < content) {
      size_t nl = lines.find('\n', at);
      if (nl == std::string::npos || nl > content) nl = content;
      extract::ParseWorkSummary(parser, lines.data() + at, nl - at, lines.size() - at, options, summary, detail);
      ++records;
      at = nl + 1;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(content * state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(records));
}
BENCHMARK(BM_ParseWorkSummary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace entangle
