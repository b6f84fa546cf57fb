// CLI usage errors (issue 18, item 9): a mistyped subcommand or option gets the nearest known name
// as a hint, and every usage error exits 2 as docs/screening.md says (CLI11 returned 105–114).
#include <gtest/gtest.h>

#include <string>

#include "support/real_records.h"

namespace entangle {
namespace {

using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

TEST(CliUsageTest, MistypedSubcommandSuggestsTheNearestInsteadOfASubcommandIsRequired) {
  std::string out, err;
  EXPECT_EQ(RunEntangle("scna", &out, &err), 2) << err;
  EXPECT_NE(err.find("unknown command `scna`; did you mean `scan`?"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("analyse --db x.db", &out, &err), 2) << err;
  EXPECT_NE(err.find("did you mean `analyze`?"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("xyzzy", &out, &err), 2) << err;
  EXPECT_NE(err.find("unknown command `xyzzy`; the commands are scan, "), std::string::npos) << err;
}

TEST(CliUsageTest, MistypedOptionSuggestsTheNearestInsteadOfExit109) {
  TempDir dir;
  std::string out, err;
  EXPECT_EQ(RunEntangle("scan --dbb " + (dir / "x.db") + " " + SourcePath("data/sample/openalex"), &out, &err), 2)
      << err;
  EXPECT_NE(err.find("entangle scan: unknown option `--dbb`; did you mean `--db`?"), std::string::npos) << err;
  EXPECT_NE(err.find("Run `entangle scan --help`"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.db"));
  EXPECT_EQ(RunEntangle("report --db=x.db --outt y.html", &out, &err), 2) << err;
  EXPECT_NE(err.find("unknown option `--outt`; did you mean `--out`?"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("--verison", &out, &err), 2) << err;
  EXPECT_NE(err.find("did you mean `--version`?"), std::string::npos) << err;
}

// One per CLI11 error class a person can trigger: RequiredError (106), ValidationError (105),
// ConversionError (104), ArgumentMismatch (114), ExtrasError (109).
TEST(CliUsageTest, EveryUsageErrorExitsTwoNotCli11Codes) {
  std::string out, err;
  EXPECT_EQ(RunEntangle("", &out, &err), 2) << "no subcommand: " << err;
  EXPECT_EQ(RunEntangle("run studies/x.toml --snapshot s", &out, &err), 2) << "--out missing: " << err;
  EXPECT_NE(err.find("--out"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("run s.toml --snapshot s --out o --counting wholly", &out, &err), 2) << err;
  EXPECT_EQ(RunEntangle("run s.toml --snapshot s --out o --threads many", &out, &err), 2) << err;
  EXPECT_EQ(RunEntangle("scan --db", &out, &err), 2) << "option without its value: " << err;
  EXPECT_EQ(RunEntangle("report --db x.db --out y.html extra", &out, &err), 2) << err;
  EXPECT_NE(err.find("unexpected argument `extra`"), std::string::npos) << err;
}

TEST(CliUsageTest, HelpAndVersionStillExitZero) {
  std::string out, err;
  EXPECT_EQ(RunEntangle("--help", &out, &err), 0) << err;
  EXPECT_NE(out.find("scan"), std::string::npos) << out;
  EXPECT_EQ(RunEntangle("scan --help", &out, &err), 0) << err;
  EXPECT_NE(out.find("--db"), std::string::npos) << out;
  EXPECT_EQ(RunEntangle("--version", &out, &err), 0) << err;
}

}  // namespace
}  // namespace entangle
