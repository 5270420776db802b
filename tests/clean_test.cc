// End-to-end tests of RunClean on small corpora written here.

#include <gtest/gtest.h>
#include <simdjson.h>

#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadOutput;
using testing::SplitLines;
using testing::TempDir;
using testing::WriteFile;

// A page the default preset keeps: a title, then some 70 words of varied
// Indonesian prose (the quality stage's rules ask for 50 words, stop words,
// no repeated n-grams).
std::string LongText(const std::string& topic) {
  return topic +
         ". Warga di sekitar lokasi mengatakan bahwa kejadian itu berlangsung sejak pagi hari dan "
         "membuat banyak orang panik. Petugas dari dinas terkait segera datang untuk membantu "
         "proses evakuasi serta memeriksa kerusakan pada rumah dan jalan. Menurut keterangan "
         "kepala desa, bantuan makanan dan obat sudah dikirim ke posko pengungsian yang berada "
         "di balai desa. Pemerintah daerah juga meminta masyarakat tetap waspada karena cuaca "
         "buruk diperkirakan masih berlangsung selama beberapa hari ke depan.";
}

std::string Line(const std::string& id, const std::string& text, const std::string& extra = "") {
  std::string out = "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"" + extra + "}\n";
  return out;
}

// Small batches: even these tiny corpora span many batches.
CleanReport RunCorpus(const std::vector<std::string>& inputs, const std::string& out, int threads,
                      const std::string& preset = "default",
                      const std::vector<std::string>& sets = {}) {
  return testing::RunCleanOrFail(inputs, out, threads, preset, sets, 512);
}

simdjson::dom::element ParseLine(simdjson::dom::parser& p, const std::string& line) {
  return p.parse(line).value();
}

TEST(CleanTest, EveryDocumentIsKeptRemovedOrAnError) {
  TempDir dir;
  std::string corpus =
      Line("keep-1", LongText("Banjir di Padang"), ",\"url\":\"http://a.id/1\",\"n\":1.50") +
      Line("short", "Klik di sini") + "{\"id\":\"broken\",\"text\":\n" + "[1,2,3]\n" +
      "{\"id\":\"no-text\"}\n" + "{\"id\":\"num\",\"text\":42}\n" + "\n" +
      Line("keep-2", LongText("Gempa di Aceh"));
  WriteFile(dir.Join("in/a.jsonl"), corpus);
  CleanReport r = RunCorpus({dir.Join("in/a.jsonl")}, dir.Join("out"), 2);
  EXPECT_EQ(r.docs_in, 7u);  // the blank line is not a document
  EXPECT_EQ(r.docs_kept, 2u);
  EXPECT_EQ(r.docs_removed, 1u);
  EXPECT_EQ(r.docs_error, 4u);
  EXPECT_EQ(r.docs_in, r.docs_kept + r.docs_removed + r.docs_error);

  auto kept = SplitLines(ReadOutput(dir.Join("out"), "kept"));
  ASSERT_EQ(kept.size(), 2u);
  // The input's members are written byte for byte, unknown fields included;
  // the default preset's language stage appends its "saring" object.
  std::string input_line =
      Line("keep-1", LongText("Banjir di Padang"), ",\"url\":\"http://a.id/1\",\"n\":1.50");
  std::string members = input_line.substr(0, input_line.size() - 2);  // without "}\n"
  EXPECT_EQ(kept[0].substr(0, members.size()), members);
  const std::string annotation = ",\"saring\":{\"language\":\"id\",";
  EXPECT_EQ(kept[0].substr(members.size(), annotation.size()), annotation);

  simdjson::dom::parser p;
  auto removed = SplitLines(ReadOutput(dir.Join("out"), "removed"));
  ASSERT_EQ(removed.size(), 1u);
  auto doc = ParseLine(p, removed[0]);
  EXPECT_EQ(std::string_view(doc["id"]), "short");
  EXPECT_EQ(std::string_view(doc["removed_by"]), "length");
  EXPECT_EQ(std::string_view(doc["removed_reason"]), "length: chars 12 < 100");

  auto errors = SplitLines(ReadOutput(dir.Join("out"), "errors"));
  ASSERT_EQ(errors.size(), 4u);
  struct Expect {
    int64_t line;
    const char* kind;
    const char* raw;
  };
  const Expect expected[] = {{3, "invalid_json", "{\"id\":\"broken\",\"text\":"},
                             {4, "not_an_object", "[1,2,3]"},
                             {5, "missing_text", "{\"id\":\"no-text\"}"},
                             {6, "text_not_string", "{\"id\":\"num\",\"text\":42}"}};
  for (size_t i = 0; i < 4; ++i) {
    auto e = ParseLine(p, errors[i]);
    EXPECT_EQ(std::string_view(e["file"]), dir.Join("in/a.jsonl"));
    EXPECT_EQ(int64_t(e["line"]), expected[i].line);
    EXPECT_EQ(std::string_view(e["error"]), expected[i].kind);
    EXPECT_EQ(std::string_view(e["raw"]), expected[i].raw);
  }
  EXPECT_EQ(std::string_view(ParseLine(p, errors[3])["message"]),
            "field \"text\" is a number, expected a string");

  auto stats = p.load(dir.Join("out/stats.json")).value();
  EXPECT_EQ(uint64_t(stats["documents"]["in"]), 7u);
  EXPECT_EQ(uint64_t(stats["documents"]["errors"]), 4u);
  EXPECT_TRUE(bool(stats["documents"]["accounting_ok"]));
  EXPECT_EQ(uint64_t(stats["removed"]["length"]["min_chars"]["docs"]), 1u);
  EXPECT_EQ(uint64_t(stats["errors"]["invalid_json"]), 1u);
  EXPECT_EQ(uint64_t(stats["input"]["blank_lines"]), 1u);
}

// Dolma's document format (id, text, source, added, created, metadata) and
// datatrove's JsonlWriter's (text, id, media, metadata) come out with every
// member as it was, then saring's one member.
TEST(CleanTest, DolmaAndDatatroveRecordsKeepEveryMember) {
  TempDir dir;
  const std::string dolma = "{\"id\":\"d1\",\"text\":\"" + LongText("Banjir di Padang") +
                            "\",\"source\":\"common-crawl\",\"added\":\"2024-06-02T04:08:58.883Z\","
                            "\"created\":\"2019-07-17T13:46:15.000Z\",\"version\":\"v0\","
                            "\"metadata\":{\"url\":\"http://a.id/1\",\"warc_url\":\"http://a.id/1\"}}";
  const std::string datatrove = "{\"text\":\"" + LongText("Gempa di Aceh") +
                                "\",\"id\":\"<urn:uuid:5b6f>\",\"media\":[],\"metadata\":"
                                "{\"dump\":\"CC-MAIN-2019-30\",\"url\":\"http://b.id/2\",\"language_score\":0.97}}";
  WriteFile(dir.Join("in.jsonl"), dolma + "\n" + datatrove + "\n");
  CleanReport r = RunCorpus({dir.Join("in.jsonl")}, dir.Join("out"), 2);
  ASSERT_EQ(r.docs_kept, 2u);
  auto kept = SplitLines(ReadOutput(dir.Join("out"), "kept"));
  ASSERT_EQ(kept.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const std::string& input = i == 0 ? dolma : datatrove;
    const std::string members = input.substr(0, input.size() - 1);  // without the final }
    EXPECT_EQ(kept[i].substr(0, members.size()), members);
    EXPECT_EQ(kept[i].substr(members.size(), 12), ",\"saring\":{\"");
  }
}

TEST(CleanTest, OutputIsByteIdenticalForAnyThreadCount) {
  TempDir dir;
  std::string corpus;
  for (int i = 0; i < 400; ++i) {
    std::string text =
        i % 3 == 0 ? "pendek " + std::to_string(i) : LongText("Berita nomor " + std::to_string(i));
    if (i % 7 == 0) text += "\\r\\n  spasi   ganda  ";
    corpus += Line("d" + std::to_string(i), text);
    if (i % 50 == 0) corpus += "{bad json " + std::to_string(i) + "\n";
  }
  WriteFile(dir.Join("a.jsonl"), corpus);
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("t1"), 1);
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("t2"), 2);
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("t4"), 4);
  for (const char* sub : {"kept", "removed", "errors"}) {
    auto f1 = testing::OutputFiles(dir.Join("t1"), sub);
    auto f2 = testing::OutputFiles(dir.Join("t2"), sub);
    auto f4 = testing::OutputFiles(dir.Join("t4"), sub);
    ASSERT_EQ(f1.size(), 1u) << sub;
    ASSERT_EQ(f2.size(), 1u);
    ASSERT_EQ(f4.size(), 1u);
    EXPECT_EQ(testing::ReadFile(f1[0]), testing::ReadFile(f2[0])) << sub;  // compressed bytes
    EXPECT_EQ(testing::ReadFile(f1[0]), testing::ReadFile(f4[0])) << sub;
  }
}

TEST(CleanTest, MissingIdsAreDerivedAndNormalizedTextIsRewritten) {
  TempDir dir;
  WriteFile(dir.Join("a.jsonl"),
            "{\"text\":\"" + LongText("Tanpa id") + "\\r\\n\\r\\n\\r\\nAkhir.  \"}\n");
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("out"), 1);
  auto kept = SplitLines(ReadOutput(dir.Join("out"), "kept"));
  ASSERT_EQ(kept.size(), 1u);
  simdjson::dom::parser p;
  auto doc = ParseLine(p, kept[0]);
  EXPECT_EQ(std::string_view(doc["id"]), dir.Join("a.jsonl") + ":1");
  EXPECT_EQ(std::string_view(doc["text"]), LongText("Tanpa id") + "\n\nAkhir.");
}

TEST(CleanTest, CustomFieldsTxtFilesDirectoriesAndGlobs) {
  TempDir dir;
  WriteFile(dir.Join("in/pages/one.txt"), LongText("Halaman teks pertama"));
  WriteFile(dir.Join("in/pages/two.txt"), "terlalu pendek");
  WriteFile(dir.Join("in/.hidden.jsonl"), Line("hidden", LongText("tersembunyi")));
  WriteFile(dir.Join("in/notes.md"), "not a corpus file");
  WriteFile(dir.Join("other/x.jsonl"),
            "{\"doc\":\"" + LongText("Kolom lain") + "\",\"key\":\"k1\"}\n");
  CleanReport r = RunCorpus({dir.Join("in"), dir.Join("other/*.jsonl")}, dir.Join("out"), 2,
                            "default", {"input.text_field=doc", "input.id_field=key"});
  EXPECT_EQ(r.docs_in, 3u);
  EXPECT_EQ(r.docs_kept, 2u);
  EXPECT_EQ(r.docs_removed, 1u);
  auto kept = SplitLines(ReadOutput(dir.Join("out"), "kept"));
  ASSERT_EQ(kept.size(), 2u);
  simdjson::dom::parser p;
  auto txt = ParseLine(p, kept[0]);
  EXPECT_EQ(std::string_view(txt["key"]), dir.Join("in") + "/pages/one.txt");
  EXPECT_EQ(std::string_view(txt["doc"]), LongText("Halaman teks pertama"));
  auto other = ParseLine(p, kept[1]);
  EXPECT_EQ(std::string_view(other["key"]), "k1");
}

TEST(CleanTest, InvalidUtf8IsRepairedOrRemovedByPolicy) {
  TempDir dir;
  std::string text = LongText("Teks rusak");
  std::string few = "{\"id\":\"few\",\"text\":\"" + text + " caf\xC3( selesai.\"}\n";
  std::string many = "{\"id\":\"many\",\"text\":\"" + text.substr(0, 150) + "\xFF\xFE\xFD\xFC\"}\n";
  WriteFile(dir.Join("a.jsonl"), few + many);
  CleanReport r = RunCorpus({dir.Join("a.jsonl")}, dir.Join("out"), 1);
  EXPECT_EQ(r.docs_kept, 1u);
  EXPECT_EQ(r.docs_removed, 1u);
  simdjson::dom::parser p;
  auto kept = ParseLine(p, SplitLines(ReadOutput(dir.Join("out"), "kept"))[0]);
  EXPECT_EQ(std::string_view(kept["text"]), text + " caf\xEF\xBF\xBD( selesai.");
  EXPECT_EQ(int64_t(kept["saring"]["invalid_utf8_replaced"]), 1);
  auto removed = ParseLine(p, SplitLines(ReadOutput(dir.Join("out"), "removed"))[0]);
  // 4 replacements in 154 characters
  EXPECT_EQ(std::string_view(removed["removed_reason"]),
            "normalize: invalid_utf8_fraction 0.026 > 0.01");
}

TEST(CleanTest, OversizedDocumentsGoToErrorsWithTheirSize) {
  TempDir dir;
  std::string big(3000, 'a');
  WriteFile(dir.Join("a.jsonl"), Line("big", big) + Line("ok", LongText("Normal")));
  CleanReport r =
      RunCorpus({dir.Join("a.jsonl")}, dir.Join("out"), 1, "default", {"input.max_doc_bytes=1000"});
  EXPECT_EQ(r.docs_error, 1u);
  EXPECT_EQ(r.docs_kept, 1u);
  simdjson::dom::parser p;
  auto e = ParseLine(p, SplitLines(ReadOutput(dir.Join("out"), "errors"))[0]);
  EXPECT_EQ(std::string_view(e["error"]), "too_large");
  EXPECT_EQ(std::string_view(e["message"]), "document of 3022 bytes exceeds max_doc_bytes 1000");
  EXPECT_TRUE(bool(e["raw_truncated"]));
  EXPECT_EQ(uint64_t(e["raw_bytes"]), 3022u);
}

TEST(CleanTest, ShardsRollOverBySizeAndAreComplete) {
  TempDir dir;
  std::string corpus;
  for (int i = 0; i < 300; ++i)
    corpus += Line("d" + std::to_string(i), LongText("Dokumen " + std::to_string(i)));
  WriteFile(dir.Join("a.jsonl"), corpus);
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("out"), 2, "passthrough",
            {"output.shard_bytes=8K", "output.compression=gz"});
  auto files = testing::OutputFiles(dir.Join("out"), "kept");
  ASSERT_GE(files.size(), 2u);
  for (size_t i = 0; i < files.size(); ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "out/kept/part-%05zu.jsonl.gz", i);
    EXPECT_EQ(files[i], dir.Join(name));
    // A shard closes at the first frame that takes it past shard_bytes.
    if (i + 1 < files.size()) {
      EXPECT_GE(testing::ReadFile(files[i]).size(), 8192u);
    }
  }
  EXPECT_EQ(ReadOutput(dir.Join("out"), "kept"), corpus);  // passthrough keeps every byte
}

TEST(CleanTest, RefusesToMixWithAnEarlierRunUnlessOverwriting) {
  TempDir dir;
  WriteFile(dir.Join("a.jsonl"), Line("x", LongText("Satu")));
  RunCorpus({dir.Join("a.jsonl")}, dir.Join("out"), 1);
  CleanOptions o;
  o.inputs = {dir.Join("a.jsonl")};
  o.output_dir = dir.Join("out");
  ASSERT_TRUE(LoadPreset("default", &o.config).ok());
  CleanReport r;
  Status s = RunClean(o, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("--overwrite"), std::string::npos);
  o.overwrite = true;
  EXPECT_TRUE(RunClean(o, &r).ok());
}

TEST(CleanTest, StrictStopsAtTheFirstError) {
  TempDir dir;
  WriteFile(dir.Join("a.jsonl"),
            Line("x", LongText("Satu")) + "nope\n" + Line("y", LongText("Dua")));
  CleanOptions o;
  o.inputs = {dir.Join("a.jsonl")};
  o.output_dir = dir.Join("out");
  o.strict = true;
  o.max_error_messages = 0;
  ASSERT_TRUE(LoadPreset("default", &o.config).ok());
  CleanReport r;
  Status s = RunClean(o, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), dir.Join("a.jsonl") +
                             ":2: invalid JSON: Problem while parsing an atom starting with the "
                             "letter 'n' (--strict: stopping at the first error)");
}

}  // namespace
}  // namespace saring

namespace saring {
namespace {

// The fineweb preset end to end: an English article passes every rule; the
// same article with a "{" on a kept line goes to C4's page rule; an
// Indonesian page is not English. The two quality stages keep apart in
// stats.json.
TEST(CleanTest, FineWebPresetRunsItsRulesInOrder) {
  const std::string article =
      "The city council met on Tuesday evening to discuss the new library budget.\\n"
      "Several residents spoke about longer opening hours during the winter months.\\n"
      "A teacher asked whether the children's section could receive more funding.\\n"
      "Council members agreed to review the proposal before their next meeting.\\n"
      "The mayor thanked everyone who came and promised a decision in March.\\n"
      "Local newspapers will publish the full minutes on their websites tomorrow.\\n";
  const std::string braces =
      std::string(article) + "Readers may write to the editor {at} any time.\\n";
  const std::string indonesian =
      "Pemerintah kota akan membangun jembatan baru di atas sungai itu pada tahun depan.\\n"
      "Warga menyambut baik rencana tersebut karena jembatan lama sudah rusak parah.\\n";
  TempDir dir;
  WriteFile(dir.Join("in.jsonl"), "{\"id\":\"en\",\"text\":\"" + article + "\"}\n" +
                                      "{\"id\":\"braces\",\"text\":\"" + braces + "\"}\n" +
                                      "{\"id\":\"id\",\"text\":\"" + indonesian + "\"}\n");
  CleanReport r =
      RunCorpus({dir.Join("in.jsonl")}, dir.Join("out"), 1, "fineweb", {"language.backend=cld2"});
  EXPECT_EQ(r.docs_kept, 1u);
  EXPECT_EQ(r.docs_removed, 2u);
  simdjson::dom::parser p;
  auto removed = SplitLines(ReadOutput(dir.Join("out"), "removed"));
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(std::string_view(ParseLine(p, removed[0])["removed_reason"]), "c4: curly_bracket");
  EXPECT_EQ(std::string_view(ParseLine(p, removed[1])["removed_reason"]).substr(0, 34),
            "language: id not in keep list (sco");
  std::string stats = testing::ReadFile(dir.Join("out/stats.json"));
  EXPECT_NE(stats.find("\"stage:quality\""), std::string::npos);
  EXPECT_NE(stats.find("\"stage:quality#2\""), std::string::npos);
}

}  // namespace
}  // namespace saring
