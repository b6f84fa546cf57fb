// `cmake --install` (issue 18, the demo): an installed entangle finds its studies, registry,
// vocabulary and rates in <prefix>/share/entangle from any working directory, so the docs'
// commands run as written with `entangle` on the PATH, and never reach back into the source tree
// it was built from.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Runs `command` in `dir` (stdout and stderr into `output`); returns the exit status.
int RunIn(const fs::path& dir, const std::string& command, std::string* output) {
  fs::path log = dir / "command.log";
  int status =
      std::system(("cd '" + dir.string() + "' && " + command + " >'" + log.string() + "' 2>&1 </dev/null").c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  *output = text.str();
  fs::remove(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(InstallTest, AnInstalledEntangleRunsTheDocsCommandsFromAnyDirectoryOnItsInstalledData) {
  TempDir dir;
  const fs::path prefix = dir / "usr";
  const fs::path build_dir = fs::path(ENTANGLE_BINARY).parent_path();
  std::string output;
  ASSERT_EQ(
      RunIn(dir.path(), "cmake --install '" + build_dir.string() + "' --prefix '" + prefix.string() + "'", &output), 0)
      << output;
  const fs::path data = prefix / "share" / "entangle";
  for (const char* shipped : {"studies/ai-europe-china.toml", "data/registry/README.md", "data/vocab/dual-use-ai.tsv",
                              "data/rates/ecb-eurofxref-hist.csv", "data/labs/labs.csv", "data/sample/openalex"}) {
    EXPECT_TRUE(fs::exists(data / shipped)) << shipped;
  }
  EXPECT_FALSE(fs::exists(data / "data" / "registry" / "tools")) << "the registry's build tools are not shipped";
  EXPECT_TRUE(fs::exists(prefix / "share" / "doc" / "entangle" / "screening.md"));

  // From an empty folder, the README's command with the shipped study named as in the docs.
  const fs::path work = dir / "elsewhere";
  fs::create_directories(work);
  const std::string entangle = (prefix / "bin" / "entangle").string();
  ASSERT_EQ(RunIn(work,
                  entangle + " run studies/ai-europe-china.toml --snapshot '" +
                      (data / "data/sample/openalex").string() + "' --out out --progress none",
                  &output),
            0)
      << output;
  EXPECT_TRUE(fs::exists(work / "out" / "report.html"));
  // The registry it screens against is the installed one, not the source tree's.
  ASSERT_EQ(RunIn(work, entangle + " screen --db out/study.db --partner 'Fudan University'", &output), 0) << output;
  EXPECT_NE(output.find("against " + (data / "data" / "registry").string() + " ("), std::string::npos) << output;
}

}  // namespace
}  // namespace entangle
