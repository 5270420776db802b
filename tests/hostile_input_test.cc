// Broken and hostile inputs, end to end: each bad record lands in errors/
// naming its file and line and is counted, each bad file is reported and
// skipped, and no good document next to them is lost.

#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "io/frame_compressor.h"
#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadOutput;
using testing::SplitLines;
using testing::TempDir;
using testing::WriteFile;

std::string Page(const std::string& id, const std::string& text) {
  return R"({"id":")" + id + R"(","text":")" + text + "\"}\n";
}

// id -> raw kept line.
std::map<std::string, std::string> KeptById(const std::string& out_dir) {
  std::map<std::string, std::string> kept;
  simdjson::dom::parser p;
  for (const std::string& line : SplitLines(ReadOutput(out_dir, "kept"))) {
    kept[std::string(p.parse(line)["id"].get_string().value())] = line;
  }
  return kept;
}

struct ErrorLine {
  std::string file, kind, message;
  int64_t line = 0;
};

std::vector<ErrorLine> Errors(const std::string& out_dir) {
  std::vector<ErrorLine> out;
  simdjson::dom::parser p;
  for (const std::string& line : SplitLines(ReadOutput(out_dir, "errors"))) {
    auto e = p.parse(line).value();
    out.push_back(ErrorLine{std::string(e["file"].get_string().value()),
                            std::string(e["error"].get_string().value()),
                            std::string(e["message"].get_string().value()),
                            e["line"].get_int64().value()});
  }
  return out;
}

const char kRawNul[] = "{\"id\":\"raw\0nul\",\"text\":\"x\"}\n";  // a NUL byte, unescaped

TEST(HostileInputTest, BrokenRecordsGoToErrorsWithFileAndLineAndNeighboursSurvive) {
  TempDir dir;
  const std::string deep = R"({"id":"deep","text":"t","meta":)" + std::string(100000, '[') +
                           std::string(100000, ']') + "}\n";
  std::string nested_meta = "1";
  for (int i = 0; i < 200; ++i) nested_meta = R"({"a":)" + nested_meta + "}";
  const std::string nested = R"({"id":"nested","text":"nested page","meta":)" + nested_meta + "}";
  const std::string corpus = Page("good-1", "first good page") +     // 1
                             R"({"id":"broken","text":)" "\n" +       // 2
                             "[1,2,3]\n" +                            // 3
                             R"({"id":"no-text"})" "\n" +             // 4
                             R"({"id":"empty","text":""})" "\n" +     // 5
                             R"({"id":"num","text":42})" "\n" +       // 6
                             std::string(kRawNul, sizeof(kRawNul) - 1) +  // 7
                             deep +                                   // 8
                             nested + "\n" +                          // 9
                             R"({"id":"crlf","text":"line ended by CRLF"})" "\r\n" +  // 10
                             "   \n" +                                // 11: blank
                             Page("good-2", "last good page");        // 12
  WriteFile(dir.Join("in.jsonl"), corpus);
  for (int threads : {1, 2}) {
    const std::string out = dir.Join("out" + std::to_string(threads));
    CleanReport r = testing::RunCleanOrFail({dir.Join("in.jsonl")}, out, threads, "passthrough",
                                            {}, 256);
    EXPECT_EQ(r.docs_in, 11u);
    EXPECT_EQ(r.docs_kept, 4u);
    EXPECT_EQ(r.docs_error, 7u);
    auto kept = KeptById(out);
    EXPECT_EQ(kept["nested"], nested);  // 200 levels deep, written byte for byte
    EXPECT_EQ(kept["crlf"], R"({"id":"crlf","text":"line ended by CRLF"})");
    EXPECT_EQ(kept.count("good-1") + kept.count("good-2"), 2u);
    const std::vector<ErrorLine> errors = Errors(out);
    ASSERT_EQ(errors.size(), 7u);
    const std::pair<int64_t, const char*> expected[] = {
        {2, "invalid_json"}, {3, "not_an_object"},   {4, "missing_text"}, {5, "empty_text"},
        {6, "text_not_string"}, {7, "invalid_json"}, {8, "invalid_json"}};
    for (size_t i = 0; i < errors.size(); ++i) {
      EXPECT_EQ(errors[i].file, dir.Join("in.jsonl"));
      EXPECT_EQ(errors[i].line, expected[i].first);
      EXPECT_EQ(errors[i].kind, expected[i].second) << errors[i].message;
    }
    EXPECT_EQ(errors[3].message, "field \"text\" is empty");
    EXPECT_NE(errors[5].message.find("must be escaped"), std::string::npos) << errors[5].message;
    EXPECT_NE(errors[6].message.find("too deep"), std::string::npos) << errors[6].message;
    simdjson::dom::parser p;
    auto stats = p.load(out + "/stats.json").value();
    EXPECT_EQ(uint64_t(stats["errors"]["invalid_json"]), 3u);
    EXPECT_EQ(uint64_t(stats["errors"]["empty_text"]), 1u);
    EXPECT_EQ(uint64_t(stats["input"]["blank_lines"]), 1u);
  }
}

// Bytes that are not UTF-8 are repaired as the record is read (one U+FFFD
// per byte of an overlong or surrogate form, one per truncated sequence);
// the normalize stage then drops NULs, makes CRLF and lone CR newlines, and
// removes a page that is mostly replacement characters.
TEST(HostileInputTest, InvalidUtf8NulBytesAndCarriageReturnsInTheText) {
  TempDir dir;
  const std::string words = " and then a long run of ordinary words to keep the share of bad "
                            "bytes far below one percent of the characters of this page, which "
                            "goes on for a while so that it is a page and not a fragment at all";
  WriteFile(dir.Join("in.jsonl"),
            Page("bad-bytes", "caf\xC3 \xC0\xAF overlong \xED\xA0\x80 surrogate" + words + words + words + words) +
                Page("nul", "a\\u0000b c" + words) +
                Page("newlines", "one\\r\\ntwo\\rthree\\n\\n\\n\\nfour") +
                Page("binary", "\xFF\xFE\xFD\xFC\xFB\xFA\xF9\xF8 x"));
  testing::WriteFile(dir.Join("p.yaml"), "stages:\n  - normalize: {}\n");
  CleanOptions o;
  o.inputs = {dir.Join("in.jsonl")};
  o.output_dir = dir.Join("out");
  ASSERT_TRUE(LoadConfigFile(dir.Join("p.yaml"), &o.config).ok());
  o.max_error_messages = 0;
  CleanReport r;
  ASSERT_TRUE(RunClean(o, &r).ok());
  EXPECT_EQ(r.docs_kept, 3u);
  auto fates = testing::FatesById(dir.Join("out"));
  EXPECT_EQ(fates["binary"].reason, "normalize: invalid_utf8_fraction 0.800 > 0.01");  // 8 of 10
  simdjson::dom::parser p;
  std::map<std::string, std::string> texts;
  for (const auto& [id, line] : KeptById(dir.Join("out"))) {
    texts[id] = std::string(p.parse(line)["text"].get_string().value());
  }
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(texts["bad-bytes"], "caf" + fffd + " " + fffd + fffd + " overlong " + fffd + fffd +
                                    fffd + " surrogate" + words + words + words + words);
  EXPECT_EQ(texts["nul"], "ab c" + words);
  EXPECT_EQ(texts["newlines"], "one\ntwo\nthree\n\nfour");
}

// A 100 MB line is an error of its own (its size and a prefix kept), read
// in bounded memory; the lines around it are kept.
TEST(HostileInputTest, AHundredMegabyteLine) {
  TempDir dir;
  std::string corpus = Page("before", "a page before the giant one");
  corpus += R"({"id":"giant","text":")" + std::string(100 << 20, 'x') + "\"}\n";
  corpus += Page("after", "a page after the giant one");
  WriteFile(dir.Join("in.jsonl"), corpus);
  CleanReport r = testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2,
                                          "passthrough");
  EXPECT_EQ(r.docs_kept, 2u);
  EXPECT_EQ(r.docs_error, 1u);
  const std::vector<ErrorLine> errors = Errors(dir.Join("out"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].kind, "too_large");
  EXPECT_EQ(errors[0].message, "document of 104857624 bytes exceeds max_doc_bytes 10000000");
  EXPECT_EQ(KeptById(dir.Join("out")).count("after"), 1u);
}

std::string NumberedPages(int from, int to) {
  std::string out;
  for (int i = from; i <= to; ++i) out += Page("p" + std::to_string(i), "page number " + std::to_string(i));
  return out;
}

std::string Compressed(Compression c, const std::string& plain) {
  std::string out;
  EXPECT_TRUE(NewFrameCompressor(c, 0)->Compress(plain, &out).ok());
  return out;
}

// A truncated .gz or .zst keeps every complete line before the cut and
// reports the cut (file and line) as one error; multi-member gzip and
// multi-frame zstd are read whole; empty files hold no documents.
TEST(HostileInputTest, TruncatedMultiMemberAndEmptyCompressedFiles) {
  TempDir dir;
  const std::string pages = NumberedPages(1, 50000);  // 2 MB: zstd blocks end before the cut
  const std::string gz = Compressed(Compression::kGzip, pages);
  const std::string zst = Compressed(Compression::kZstd, pages);
  WriteFile(dir.Join("cut.jsonl.gz"), gz.substr(0, gz.size() / 2));
  WriteFile(dir.Join("cut.jsonl.zst"), zst.substr(0, zst.size() / 2));
  WriteFile(dir.Join("members.jsonl.gz"), Compressed(Compression::kGzip, NumberedPages(6001, 6010)) +
                                              Compressed(Compression::kGzip, NumberedPages(6011, 6020)));
  WriteFile(dir.Join("frames.jsonl.zst"), Compressed(Compression::kZstd, NumberedPages(7001, 7010)) +
                                              Compressed(Compression::kZstd, NumberedPages(7011, 7020)));
  WriteFile(dir.Join("empty.jsonl"), "");
  WriteFile(dir.Join("empty.jsonl.gz"), "");
  WriteFile(dir.Join("empty-member.jsonl.gz"), Compressed(Compression::kGzip, ""));
  const std::vector<std::string> inputs = {
      dir.Join("cut.jsonl.gz"),   dir.Join("cut.jsonl.zst"),  dir.Join("members.jsonl.gz"),
      dir.Join("frames.jsonl.zst"), dir.Join("empty.jsonl"),  dir.Join("empty.jsonl.gz"),
      dir.Join("empty-member.jsonl.gz")};
  CleanReport r = testing::RunCleanOrFail(inputs, dir.Join("out"), 2, "passthrough");
  EXPECT_EQ(r.docs_in, r.docs_kept + r.docs_error);
  const std::vector<ErrorLine> errors = Errors(dir.Join("out"));
  ASSERT_EQ(errors.size(), 2u);
  auto kept = KeptById(dir.Join("out"));
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(errors[k].file, inputs[k]);
    EXPECT_EQ(errors[k].kind, "truncated_input");
    EXPECT_EQ(errors[k].message, std::string(k == 0 ? "truncated gzip" : "truncated zstd") +
                                     " stream; the last line is incomplete");
    // Every line before the cut is kept.
    for (int i = 1; i < errors[k].line; ++i) ASSERT_EQ(kept.count("p" + std::to_string(i)), 1u) << i;
    EXPECT_GT(errors[k].line, 1000);
  }
  for (int i = 6001; i <= 6020; ++i) EXPECT_EQ(kept.count("p" + std::to_string(i)), 1u) << i;
  for (int i = 7001; i <= 7020; ++i) EXPECT_EQ(kept.count("p" + std::to_string(i)), 1u) << i;
  EXPECT_EQ(r.docs_kept, static_cast<uint64_t>(errors[0].line - 1 + errors[1].line - 1 + 40));
  EXPECT_EQ(r.file_errors, 0u);
}

// Inputs that cannot be read (a symbolic-link loop: unreadable even for
// root) are reported by name and skipped; an output directory that cannot
// be made is a fatal error naming it; a file-size limit (a full disk) stops
// the run with a message naming the file, not a signal.
TEST(HostileInputTest, UnreadableInputUnwritableOutputAndAFullDisk) {
  TempDir dir;
  const std::string saring = SARING_BINARY;
  WriteFile(dir.Join("good.jsonl"), NumberedPages(1, 3));
  std::filesystem::create_symlink(dir.Join("loop.jsonl"), dir.Join("loop.jsonl"));
  testing::ShellResult r = testing::RunShell(saring + " clean " + dir.Join("loop.jsonl") + " " +
                                             dir.Join("good.jsonl") + " -o " + dir.Join("out") +
                                             " --preset passthrough");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(dir.Join("loop.jsonl") + ": cannot open " + dir.Join("loop.jsonl") +
                          ": Too many levels of symbolic links"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("accounting: in 3 = kept 3 + removed 0 + errors 0: ok"),
            std::string::npos)
      << r.output;

  r = testing::RunShell(saring + " clean " + dir.Join("good.jsonl") + " -o " +
                        dir.Join("good.jsonl") + "/out --preset passthrough");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(dir.Join("good.jsonl") + "/out"), std::string::npos) << r.output;

  // 3 MB of pages against a 1 MB file-size limit (ulimit -f counts KiB).
  WriteFile(dir.Join("big.jsonl"), NumberedPages(1, 100000));
  r = testing::RunShell("ulimit -f 1024; " + saring + " clean " + dir.Join("big.jsonl") + " -o " +
                        dir.Join("full") + " --preset passthrough --compression none");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(dir.Join("full") + "/kept/"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("File too large"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace saring
