#include <fmt/format.h>

#include "cli/commands.h"
#include "synth/crunchbase_synth.h"
#include "synth/synth.h"

namespace entangle::cli {

void RegisterSynth(CLI::App& app) {
  auto options = std::make_shared<synth::SynthOptions>();
  auto crunchbase = std::make_shared<double>(0.0);
  CLI::App* synth = app.add_subcommand(
      "synth", "Write a SYNTHETIC OpenAlex snapshot with known ground truth (for tests, demos and benchmarks)");
  synth->add_option("--out", options->out_dir, "Snapshot root to create")->required();
  synth->add_option("--works", options->works, "Distinct works")->capture_default_str();
  synth->add_option("--seed", options->seed, "Random seed (same seed, same bytes)")->capture_default_str();
  synth->add_option("--partitions", options->partitions, "updated_date partitions")->capture_default_str();
  synth->add_option("--works-per-file", options->works_per_file, "Works per gzip file")->capture_default_str();
  synth->add_option("--malformed-rate", options->malformed_rate, "Extra malformed lines, as a fraction of works")
      ->capture_default_str();
  synth->add_option("--duplicate-rate", options->duplicate_rate, "Works also written as an older copy")
      ->capture_default_str();
  synth->add_option("--merged-rate", options->merged_rate, "Extra works listed in merged_ids")->capture_default_str();
  synth->add_option("--threads", options->threads, "Writer threads (0 = all cores)")->capture_default_str();
  synth->add_option("--level", options->compression_level, "ISA-L compression level 0..3")->capture_default_str();
  synth->add_option("--crunchbase", *crunchbase,
                    "Also write a SYNTHETIC Crunchbase export to OUT/crunchbase at this scale (1 = the study's "
                    "counts: 8,037 + 2,165 rounds), with its own ground_truth.json");
  synth->callback([options, crunchbase] {
    if (*crunchbase > 0) {
      synth::CrunchbaseSynthOptions cb{options->out_dir + "/crunchbase", options->seed, *crunchbase};
      auto written = synth::WriteSyntheticCrunchbase(cb);
      if (!written.ok()) {
        fmt::print(stderr, "entangle synth: {}\n", written.status().ToString());
        SetExitCode(1);
        return;
      }
      fmt::print("SYNTHETIC Crunchbase export written to {}: {} rounds, {} investments, {} investors\n", cb.out_dir,
                 written->rounds, written->investments, written->investors);
    } else if (*crunchbase < 0) {
      fmt::print(stderr, "entangle synth: --crunchbase must be above 0\n");
      SetExitCode(2);
      return;
    }
    auto result = synth::WriteSyntheticSnapshot(*options);
    if (!result.ok()) {
      fmt::print(stderr, "entangle synth: {}\n", result.status().ToString());
      SetExitCode(1);
      return;
    }
    fmt::print("SYNTHETIC corpus written to {}: {} works, {} lines, {} files, {:.1f} MB gzip ({:.1f} MB JSON)\n",
               options->out_dir, result->works, result->lines, result->files, result->compressed_bytes / 1e6,
               result->uncompressed_bytes / 1e6);
    fmt::print("Ground truth for the default study: {}/ground_truth.json\n", options->out_dir);
  });
}

}  // namespace entangle::cli
