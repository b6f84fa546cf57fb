#include "common/text_file.h"

#include <gtest/gtest.h>

#include "common/clock.h"
#include "common/sha256.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

TEST(TextFileTest, ReadsBytesAndNamesWhyNot) {
  testing::TempDir dir;
  testing::WriteFileBytes(dir / "a.txt", std::string("x\0y\r\n", 5));
  Result<std::string> text = ReadTextFile(dir / "a.txt");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, std::string("x\0y\r\n", 5));

  Result<std::string> missing = ReadTextFile(dir / "none.txt");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), (dir / "none.txt") + ": does not exist");
  Result<std::string> folder = ReadTextFile(dir.path().string());
  EXPECT_EQ(folder.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(folder.status().message().find("is a directory"), std::string::npos);
}

TEST(ClockTest, IsoUtcIsSecondsInUtc) {
  EXPECT_EQ(IsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(IsoUtc(1796621998), "2026-12-07T05:39:58Z");
  EXPECT_EQ(NowUtc().size(), 20u);
}

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace entangle
