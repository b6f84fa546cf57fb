#pragma once
// Test support for the browser tests: runs Debian's Chromium headless on a page and reads what it
// logged. Chromium is part of the build environment (scripts/setup.sh installs it): the tests
// fail rather than skip without it, so a missing browser cannot pass for a working report.
#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle::testing {

inline std::string ChromiumPath() {
  if (const char* env = std::getenv("ENTANGLE_CHROMIUM"); env && *env) return env;
  return "/usr/bin/chromium";
}

// Runs headless Chromium on `url` with `extra` flags and a fresh profile; stdout and stderr go to
// <dir>/<name>.out and .err. Returns the exit status.
inline int RunChromium(const TempDir& dir, const std::string& name, const std::string& extra, const std::string& url) {
  std::string profile = dir / (name + "-profile");
  std::filesystem::create_directories(profile);
  std::string command = fmt::format(
      "timeout 180 {} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync --disable-extensions "
      "--hide-scrollbars --user-data-dir={} --enable-logging=stderr --v=0 {} '{}' >{} 2>{} </dev/null",
      ChromiumPath(), profile, extra, url, dir / (name + ".out"), dir / (name + ".err"));
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Chromium logs every console message of the page as a CONSOLE line; the report logs nothing, so
// any such line (an error, a blocked fetch reported by the Content-Security-Policy) is a failure.
inline std::vector<std::string> ConsoleLines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find("CONSOLE") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// `entangle synth` (3,000 works, seed 5) and `entangle run` of the default study into <dir>/out:
// the study whose report the browser tests open. `ok` is false, with the commands' output in
// `out` and `err`, when either command failed.
struct SyntheticRun {
  bool ok = false;
  std::string out_dir, out, err;
};

inline SyntheticRun RunSyntheticStudy(const TempDir& dir) {
  SyntheticRun run;
  const std::string corpus = dir / "corpus";
  run.out_dir = dir / "out";
  if (RunEntangle(fmt::format("synth --out {} --works 3000 --seed 5", corpus), &run.out, &run.err) != 0) return run;
  run.ok = RunEntangle(fmt::format("run {} --snapshot {} --out {} --threads 2 --progress none",
                                   SourcePath("studies/ai-europe-china.toml"), corpus, run.out_dir),
                       &run.out, &run.err) == 0;
  return run;
}

// The folder of the entangle binary under test: where the browser tests leave their screenshots
// and pages for people to look at.
inline std::filesystem::path BuildDir() { return std::filesystem::path(ENTANGLE_BINARY).parent_path(); }

}  // namespace entangle::testing
