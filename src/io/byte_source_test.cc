#include "io/byte_source.h"

#include <gtest/gtest.h>

#include "io/frame_compressor.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadDecompressed;
using testing::TempDir;
using testing::WriteFile;

std::string Frame(Compression kind, std::string_view text) {
  std::string out;
  EXPECT_TRUE(NewFrameCompressor(kind, 0)->Compress(text, &out).ok());
  return out;
}

Status ReadAll(const std::string& path, std::string* out) {
  std::unique_ptr<ByteSource> src;
  Status s = OpenByteSource(path, &src);
  if (!s.ok()) return s;
  char buf[7];  // tiny reads exercise the refill paths
  for (;;) {
    size_t got = 0;
    s = src->Read(buf, sizeof buf, &got);
    if (!s.ok() || got == 0) return s;
    out->append(buf, got);
  }
}

std::string SomeText() {
  std::string t;
  for (int i = 0; i < 2000; ++i) t += "line " + std::to_string(i) + " berita hari ini\n";
  return t;
}

TEST(ByteSourceTest, SniffsFormatFromContentNotName) {
  TempDir dir;
  std::string text = SomeText();
  WriteFile(dir.Join("plain.gz"), text);  // misleading name, plain content
  WriteFile(dir.Join("a.data"), Frame(Compression::kGzip, text));
  WriteFile(dir.Join("b.data"), Frame(Compression::kZstd, text));
  for (const char* name : {"plain.gz", "a.data", "b.data"}) {
    std::string got;
    ASSERT_TRUE(ReadAll(dir.Join(name), &got).ok()) << name;
    EXPECT_EQ(got, text) << name;
  }
}

TEST(ByteSourceTest, ConcatenatedMembersAndFrames) {
  TempDir dir;
  WriteFile(dir.Join("m.gz"), Frame(Compression::kGzip, "first\n") + Frame(Compression::kGzip, "second\n"));
  WriteFile(dir.Join("m.zst"), Frame(Compression::kZstd, "first\n") + Frame(Compression::kZstd, "second\n"));
  EXPECT_EQ(ReadDecompressed(dir.Join("m.gz")), "first\nsecond\n");
  EXPECT_EQ(ReadDecompressed(dir.Join("m.zst")), "first\nsecond\n");
}

TEST(ByteSourceTest, TruncatedStreamsAreCorruptionNamingTheFile) {
  TempDir dir;
  std::string text = SomeText();
  std::string gz = Frame(Compression::kGzip, text);
  std::string zst = Frame(Compression::kZstd, text);
  WriteFile(dir.Join("t.gz"), gz.substr(0, gz.size() / 2));
  WriteFile(dir.Join("t.zst"), zst.substr(0, zst.size() / 2));
  WriteFile(dir.Join("notrailer.gz"), gz.substr(0, gz.size() - 4));
  for (const char* name : {"t.gz", "t.zst", "notrailer.gz"}) {
    std::string got;
    Status s = ReadAll(dir.Join(name), &got);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.code(), Status::Code::kCorruption);
    EXPECT_NE(s.message().find(dir.Join(name)), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
    EXPECT_EQ(text.compare(0, got.size(), got), 0) << "bytes before the cut are delivered";
  }
}

TEST(ByteSourceTest, CorruptGzipDataIsAnError) {
  TempDir dir;
  std::string gz = Frame(Compression::kGzip, SomeText());
  for (size_t i = 20; i < 60; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  WriteFile(dir.Join("bad.gz"), gz);
  std::string got;
  Status s = ReadAll(dir.Join("bad.gz"), &got);
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
}

TEST(ByteSourceTest, EmptyAndMissingFiles) {
  TempDir dir;
  WriteFile(dir.Join("empty.jsonl"), "");
  std::string got;
  EXPECT_TRUE(ReadAll(dir.Join("empty.jsonl"), &got).ok());
  EXPECT_EQ(got, "");
  Status s = ReadAll(dir.Join("missing.jsonl"), &got);
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(s.message(), "cannot open " + dir.Join("missing.jsonl") + ": No such file or directory");
}

}  // namespace
}  // namespace saring
