#include "pipeline/batch_reader.h"

#include <gtest/gtest.h>

#include "io/frame_compressor.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::TempDir;
using testing::WriteFile;

struct Seen {
  RecordKind kind;
  uint32_t file;
  uint64_t line;
  std::string bytes;
  uint64_t full_length;
  std::string message;
};

std::vector<Seen> ReadAllRecords(const std::vector<InputFile>& files, BatchReader::Options o,
                                 size_t* batches = nullptr) {
  BatchReader reader(files, o);
  InputBatch b;
  std::vector<Seen> seen;
  size_t n = 0;
  while (reader.Next(&b)) {
    ++n;
    for (const RawRecord& r : b.records) {
      std::string msg = (r.kind == RecordKind::kReadError || r.kind == RecordKind::kFileError)
                            ? b.messages[r.message]
                            : "";
      seen.push_back({r.kind, r.file, r.line, b.data.substr(r.offset, r.length), r.full_length, msg});
    }
  }
  if (batches) *batches = n;
  return seen;
}

InputFile Jsonl(const std::string& path) { return InputFile{path, false, 0}; }

TEST(BatchReaderTest, LinesAcrossSmallBatchesKeepNumbersAndBytes) {
  TempDir dir;
  std::string content;
  for (int i = 1; i <= 100; ++i) content += "{\"n\":" + std::to_string(i) + "}\n";
  content += "{\"last\":true}";  // no trailing newline
  WriteFile(dir.Join("a.jsonl"), content);
  BatchReader::Options o;
  o.batch_bytes = 64;  // a few lines per batch
  size_t batches = 0;
  auto seen = ReadAllRecords({Jsonl(dir.Join("a.jsonl"))}, o, &batches);
  ASSERT_EQ(seen.size(), 101u);
  EXPECT_GT(batches, 10u);
  for (int i = 1; i <= 100; ++i) {
    EXPECT_EQ(seen[i - 1].line, static_cast<uint64_t>(i));
    EXPECT_EQ(seen[i - 1].bytes, "{\"n\":" + std::to_string(i) + "}");
    EXPECT_EQ(seen[i - 1].kind, RecordKind::kJsonLine);
  }
  EXPECT_EQ(seen[100].bytes, "{\"last\":true}");
  EXPECT_EQ(seen[100].line, 101u);
}

TEST(BatchReaderTest, OversizedLinesKeepAPrefixAndTheirLength) {
  TempDir dir;
  std::string big(5000, 'x');
  WriteFile(dir.Join("a.jsonl"), "{\"a\":1}\n" + big + "\n{\"b\":2}\n" + big);
  BatchReader::Options o;
  o.max_record_bytes = 1000;
  o.error_prefix_bytes = 10;
  o.batch_bytes = 100;
  auto seen = ReadAllRecords({Jsonl(dir.Join("a.jsonl"))}, o);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].bytes, "{\"a\":1}");
  EXPECT_EQ(seen[1].kind, RecordKind::kOversize);
  EXPECT_EQ(seen[1].line, 2u);
  EXPECT_EQ(seen[1].bytes, std::string(10, 'x'));
  EXPECT_EQ(seen[1].full_length, 5000u);
  EXPECT_EQ(seen[2].bytes, "{\"b\":2}");
  EXPECT_EQ(seen[2].line, 3u);
  EXPECT_EQ(seen[3].kind, RecordKind::kOversize);
  EXPECT_EQ(seen[3].full_length, 5000u);
}

TEST(BatchReaderTest, WholeFilesAndFileErrors) {
  TempDir dir;
  WriteFile(dir.Join("doc.txt"), "Satu dokumen\n\nutuh.");
  WriteFile(dir.Join("b.jsonl"), "{\"x\":1}\n");
  std::vector<InputFile> files = {InputFile{dir.Join("doc.txt"), true, 0}, Jsonl(dir.Join("missing.jsonl")),
                                  Jsonl(dir.Join("b.jsonl"))};
  auto seen = ReadAllRecords(files, BatchReader::Options{});
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].kind, RecordKind::kTextFile);
  EXPECT_EQ(seen[0].bytes, "Satu dokumen\n\nutuh.");
  EXPECT_EQ(seen[1].kind, RecordKind::kFileError);
  EXPECT_EQ(seen[1].file, 1u);
  EXPECT_EQ(seen[1].message, "cannot open " + dir.Join("missing.jsonl") + ": No such file or directory");
  EXPECT_EQ(seen[2].file, 2u);
  EXPECT_EQ(seen[2].bytes, "{\"x\":1}");
}

TEST(BatchReaderTest, TruncatedGzipKeepsGoodLinesAndReportsThePartialOne) {
  TempDir dir;
  std::string content;
  for (int i = 1; i <= 5000; ++i) content += "{\"n\":" + std::to_string(i) + ",\"text\":\"kalimat\"}\n";
  std::string gz;
  ASSERT_TRUE(NewFrameCompressor(Compression::kGzip, 6)->Compress(content, &gz).ok());
  WriteFile(dir.Join("t.jsonl.gz"), gz.substr(0, gz.size() * 2 / 3));
  WriteFile(dir.Join("next.jsonl"), "{\"after\":1}\n");
  auto seen = ReadAllRecords({Jsonl(dir.Join("t.jsonl.gz")), Jsonl(dir.Join("next.jsonl"))},
                             BatchReader::Options{});
  ASSERT_GE(seen.size(), 3u);
  size_t good = seen.size() - 2;
  for (size_t i = 0; i < good; ++i) {
    ASSERT_EQ(seen[i].kind, RecordKind::kJsonLine);
    EXPECT_EQ(seen[i].line, i + 1);
  }
  const Seen& cut = seen[good];
  EXPECT_TRUE(cut.kind == RecordKind::kReadError || cut.kind == RecordKind::kFileError);
  EXPECT_NE(cut.message.find("truncated gzip stream"), std::string::npos) << cut.message;
  EXPECT_EQ(seen.back().bytes, "{\"after\":1}");
}

}  // namespace
}  // namespace saring
