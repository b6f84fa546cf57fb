// `entangle run` checks every input before the scan (issue 18, item 6): a full snapshot scan runs
// for many minutes, and a typo in --crunchbase, --rates, the study, --snapshot or --out must fail at
// once, naming the option, with nothing written. And a step that fails after the scan summary ends
// what stdout shows, instead of leaving the summary's "Skipped: nothing" as the last word.
#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "support/real_records.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::RunEntangle;
using testing::SharedPath;
using testing::SourcePath;
using testing::TempDir;

std::string Study() { return SourcePath("studies/ai-europe-china.toml"); }
std::string Sample() { return SourcePath("data/sample/openalex"); }

std::string LastLine(const std::string& text) {
  std::istringstream in(text);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

struct BadInput {
  const char* name;
  // The command line after `entangle run`; {dir} is a fresh temporary folder, {out} the run's --out.
  std::string args;
  int exit_code;
  const char* names;  // what the message must name (the option and the path)
};

void PrintTo(const BadInput& input, std::ostream* os) { *os << input.name; }

class RunInputCheckTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(RunInputCheckTest, FailsBeforeTheScanNamingTheOption) {
  TempDir dir;
  dir.Write("bad-study.toml", "name = \"no groups\"\n");
  dir.Write("a-file", "not a folder\n");
  std::string args = GetParam().args;
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = args.find(from); at != std::string::npos; at = args.find(from, at + to.size())) {
      args.replace(at, from.size(), to);
    }
  };
  const std::string out_dir = dir / "out";
  replace("{out}", out_dir);
  replace("{dir}", dir.path().string());
  replace("{study}", Study());
  replace("{sample}", Sample());
  std::string out, err;
  EXPECT_EQ(RunEntangle("run " + args + " --progress none", &out, &err), GetParam().exit_code) << out << err;
  EXPECT_NE(err.find(GetParam().names), std::string::npos) << err;
  EXPECT_NE(err.find("nothing was run"), std::string::npos) << err;
  EXPECT_EQ(out.find("Study:"), std::string::npos) << "the scan ran before the check:\n" << out;
  EXPECT_FALSE(fs::exists(out_dir + "/study.db"));
}

INSTANTIATE_TEST_SUITE_P(
    EveryInput, RunInputCheckTest,
    ::testing::Values(
        BadInput{"CrunchbaseMissing", "{study} --snapshot {sample} --out {out} --crunchbase {dir}/no-such-export", 2,
                 "--crunchbase: " /* then the path */},
        BadInput{"CrunchbaseFolderWithoutRounds", "{study} --snapshot {sample} --out {out} --crunchbase {dir}", 1,
                 "has no funding_rounds.csv"},
        BadInput{"RatesMissing",
                 "{study} --snapshot {sample} --out {out} --crunchbase {dir}/a-file --rates {dir}/no-rates.csv", 2,
                 "--rates: "},
        BadInput{"RatesMissingWithoutCrunchbase", "{study} --snapshot {sample} --out {out} --rates {dir}/no-rates.csv",
                 2, "no-rates.csv does not exist"},
        BadInput{"StudyMissing", "{dir}/no-study.toml --snapshot {sample} --out {out}", 2,
                 "study definition: "},
        BadInput{"StudyInvalid", "{dir}/bad-study.toml --snapshot {sample} --out {out}", 1, "bad-study.toml"},
        BadInput{"SnapshotMissing", "{study} --snapshot {dir}/no-snapshot --out {out}", 2,
                 "--snapshot: "},
        BadInput{"OutNotCreatable", "{study} --snapshot {sample} --out {dir}/a-file/out", 1, "--out: cannot create"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

TEST(RunCliTest, MissingCrunchbaseFailsAtOnceNotAfterTheScan) {
  TempDir dir;
  std::string out, err;
  const std::string missing = dir / "crunchbase-typo";
  EXPECT_EQ(RunEntangle("run " + Study() + " --snapshot " + Sample() + " --out " + (dir / "out") +
                            " --progress none --crunchbase " + missing,
                        &out, &err),
            2)
      << out << err;
  EXPECT_NE(err.find("--crunchbase: " + missing + " does not exist"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir / "out")) << "nothing is created for a run that cannot start";
}

TEST(RunCliTest, FailedStepEndsThePrintedOutputNotSkippedNothing) {
  TempDir dir;
  // Exists and is a file, so it passes the checks; its columns are not a Crunchbase export's, so the
  // invest step fails after the scan and the exhibits.
  const std::string export_csv = dir.Write("not-crunchbase.csv", "a,b\n1,2\n");
  std::string out, err;
  EXPECT_EQ(RunEntangle("run " + Study() + " --snapshot " + Sample() + " --out " + (dir / "out") +
                            " --progress none --crunchbase " + export_csv,
                        &out, &err),
            1)
      << out << err;
  EXPECT_NE(out.find("Study:"), std::string::npos) << "the scan ran and printed its summary\n" << out;
  EXPECT_NE(out.find("Failed:         invest: "), std::string::npos) << out;
  EXPECT_NE(out.find("Not run:        network, report"), std::string::npos) << out;
  EXPECT_NE(out.find("Written before: " + (dir / "out/study.db") + ", " + (dir / "out/exhibits") + "/"),
            std::string::npos)
      << out;
  EXPECT_NE(LastLine(out).find("Written before:"), std::string::npos) << "the failure ends the output:\n" << out;
  EXPECT_EQ(out.find("Outputs:"), std::string::npos) << out;
  EXPECT_NE(err.find("entangle run: invest: "), std::string::npos) << err;
}

}  // namespace
}  // namespace entangle
