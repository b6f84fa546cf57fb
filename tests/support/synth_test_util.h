#pragma once
// Test helpers for the synth tests (header only: a .cc here would be linked into the library): temporary
// corpora, gunzip with ISA-L, file walking.
#include <gtest/gtest.h>
#include <isa-l/igzip_lib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "synth/synth.h"
#include "support/temp_dir.h"

namespace entangle::synth_test {

namespace fs = std::filesystem;

using entangle::testing::TempDir;

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Decompresses a whole gzip file (any number of members); fails the test on corrupt input.
inline std::string Gunzip(const std::string& path) {
  std::string in = ReadFile(path);
  std::string out;
  std::vector<uint8_t> buf(1 << 20);
  isal_gzip_header header;
  inflate_state state;
  size_t offset = 0;
  while (offset < in.size()) {
    isal_inflate_init(&state);
    isal_gzip_header_init(&header);
    state.crc_flag = ISAL_GZIP_NO_HDR_VER;
    state.next_in = reinterpret_cast<uint8_t*>(in.data() + offset);
    state.avail_in = static_cast<uint32_t>(in.size() - offset);
    if (isal_read_gzip_header(&state, &header) != ISAL_DECOMP_OK) {
      ADD_FAILURE() << path << ": bad gzip header";
      return out;
    }
    do {
      state.next_out = buf.data();
      state.avail_out = static_cast<uint32_t>(buf.size());
      int rc = isal_inflate(&state);
      if (rc != ISAL_DECOMP_OK) {
        ADD_FAILURE() << path << ": inflate error " << rc;
        return out;
      }
      out.append(reinterpret_cast<char*>(buf.data()), buf.size() - state.avail_out);
    } while (state.block_state != ISAL_BLOCK_FINISH && (state.avail_in > 0 || state.avail_out == 0));
    if (state.block_state != ISAL_BLOCK_FINISH) {
      ADD_FAILURE() << path << ": truncated gzip";
      return out;
    }
    offset = in.size() - state.avail_in;
  }
  return out;
}

// Lines without their '\n' (a final line without '\n' included).
inline std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Relative path -> contents of every regular file under `root`.
inline std::map<std::string, std::string> ReadTree(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = ReadFile(e.path().string());
  }
  return files;
}

// Writes a corpus with the given options into `dir`; fails the test (and returns an empty result) on error.
inline synth::SynthResult Generate(synth::SynthOptions o, const std::string& dir) {
  o.out_dir = dir;
  auto r = synth::WriteSyntheticSnapshot(o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : synth::SynthResult{};
}

}  // namespace entangle::synth_test
