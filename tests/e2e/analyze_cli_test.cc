// `entangle analyze` takes the risk sources on its command line: a registry file that does not
// exist is an error (so the flag is really used), and restricting kinds and categories works.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/real_records.h"

namespace entangle {
namespace {

using testing::RunEntangle;
using testing::SourcePath;
using testing::TempDir;

TEST(AnalyzeCliTest, RiskSourceFlagsAreUsed) {
  TempDir dir;
  std::string db = dir / "study.db", out, err;
  ASSERT_EQ(RunEntangle("scan " + SourcePath("data/sample/openalex") + " --study " +
                            SourcePath("studies/ai-europe-china.toml") + " --db " + db + " --progress none",
                        &out, &err),
            0)
      << err;
  EXPECT_NE(RunEntangle("analyze --db " + db + " --out " + (dir / "a") + " --registry " + (dir / "missing.csv"), &out,
                        &err),
            0);
  EXPECT_NE(err.find("missing.csv"), std::string::npos) << err;
  EXPECT_EQ(RunEntangle("analyze --db " + db + " --out " + (dir / "b") + " --kinds assessment --categories seven_sons pla",
                        &out, &err),
            0)
      << err;
  EXPECT_TRUE(std::filesystem::exists(dir / "b/risk_ties.json"));
}

}  // namespace
}  // namespace entangle
