#include "common/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace entangle {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  AtomicFileTest() : dir_(fs::temp_directory_path() / ("entangle-atomic-file-test-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~AtomicFileTest() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t Entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }

  fs::path dir_;
};

TEST_F(AtomicFileTest, CommitReplacesTheFileWithEverythingAppended) {
  ASSERT_TRUE(WriteFileAtomically(Path("out.csv"), "old\n").ok());
  AtomicFileWriter out(Path("out.csv"));
  ASSERT_TRUE(out.Open().ok());
  std::string big(3 << 20, 'x');  // more than the buffer: some of it is on disk before Commit()
  ASSERT_TRUE(out.Append("head\n").ok());
  ASSERT_TRUE(out.Append(big).ok());
  EXPECT_EQ(Read(Path("out.csv")), "old\n") << "readers see the old file until the commit";
  ASSERT_TRUE(out.Commit().ok());
  EXPECT_EQ(Read(Path("out.csv")), "head\n" + big);
  EXPECT_EQ(Entries(), 1u) << "no temporary file is left";
}

TEST_F(AtomicFileTest, AWriterThatNeverCommitsLeavesTheOldFileAndNoTemporaryFile) {
  ASSERT_TRUE(WriteFileAtomically(Path("out.json"), "{}\n").ok());
  {
    AtomicFileWriter out(Path("out.json"));
    ASSERT_TRUE(out.Open().ok());
    ASSERT_TRUE(out.Append(std::string(2 << 20, '[')).ok());
  }
  EXPECT_EQ(Read(Path("out.json")), "{}\n");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(AtomicFileTest, CreatesTheParentDirectoryAndReportsWhatCannotBeWritten) {
  ASSERT_TRUE(WriteFileAtomically(Path("a/b/c.txt"), "x").ok());
  EXPECT_EQ(Read(Path("a/b/c.txt")), "x");
  ASSERT_TRUE(WriteFileAtomically(Path("file"), "x").ok());
  Status st = WriteFileAtomically(Path("file/below"), "x");  // a file where a directory must be
  EXPECT_FALSE(st.ok());
  AtomicFileWriter unopened(Path("never"));
  EXPECT_FALSE(unopened.Append("x").ok());
  EXPECT_FALSE(unopened.Commit().ok());
}

}  // namespace
}  // namespace entangle
