// End to end: the dedup stage's first pass, clusters and main pass, through
// RunClean and the `saring dedup` command.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <map>

#include "near_dup_corpus.h"
#include "saring/clean.h"
#include "test_util.h"

namespace saring {
namespace {

using testing::ReadOutput;
using testing::SplitLines;

std::string Line(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}\n";
}

using testing::FatesById;

// id -> text of every document in OUT/kept.
std::map<std::string, std::string> KeptTexts(const std::string& out_dir) {
  std::map<std::string, std::string> kept;
  simdjson::dom::parser p;
  for (const std::string& line : SplitLines(ReadOutput(out_dir, "kept"))) {
    auto doc = p.parse(line).value();
    kept[std::string(doc["id"].get_string().value())] = std::string(doc["text"].get_string().value());
  }
  return kept;
}

// 75 words: changing one (the 16th) changes 5 of its 71 five-word shingles,
// Jaccard 66/76 = 0.87, which 14 bands of 8 rows find with probability
// 1 - (1 - 0.868^8)^14 = 0.996 (with only the first sentence, 0.74 and 0.72).
const char kStory[] =
    "Warga kampung nelayan di pesisir utara bergotong royong membangun tanggul dari karung pasir "
    "karena mereka khawatir air pasang pada akhir bulan akan kembali merendam rumah dan perahu "
    "yang ditambatkan di dermaga kecil milik desa sejak puluhan tahun yang lalu. Ketua rukun "
    "tetangga setempat mengatakan bantuan karung pasir datang dari kantor kecamatan sejak Sabtu "
    "pagi, dan pekerjaan ditargetkan selesai dalam tiga hari jika cuaca tetap cerah dan ombak "
    "tidak terlalu tinggi menurut perkiraan para nelayan tua.";

std::string Corpus() {
  std::string reworded = kStory;
  reworded.replace(reworded.find("khawatir"), 8, "takut");
  std::string other =
      "The council will open the new library on Monday after two years of repairs to the roof, "
      "and the children's section has been moved to the ground floor.";
  std::string corpus;
  corpus += Line("story", kStory);
  corpus += Line("other", other);
  // Case, punctuation and digits only: the same normalized words.
  corpus += Line("story-upper", std::string("WARGA ") + (kStory + 6));
  corpus += Line("story-reworded", reworded);  // one word of 75 changed
  for (int i = 0; i < 20; ++i) {             // filler, all different
    corpus += Line("filler-" + std::to_string(i),
                   "Filler page number " + std::to_string(i) + " talks about topic " +
                       std::string(1, char('a' + i)) + " and nothing else at all today.");
  }
  corpus += Line("other-copy", other);
  return corpus;
}

TEST(DedupTest, DuplicatesNameTheirKeeperAndKeepersTheirClusterSize) {
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), Corpus());
  CleanReport r = testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2, "dedup", {},
                                          256);  // many small batches
  EXPECT_EQ(r.docs_in, 25u);
  EXPECT_EQ(r.docs_removed, 3u);
  auto fates = FatesById(dir.Join("out"));
  EXPECT_EQ(fates["story"].reason, "");
  EXPECT_EQ(fates["story"].saring, "{\"dedup_cluster_size\":3}");
  EXPECT_EQ(fates["story-upper"].reason, "dedup: exact duplicate of story");
  EXPECT_EQ(fates["story-upper"].saring, "{\"duplicate_of\":\"story\"}");
  EXPECT_EQ(fates["story-reworded"].reason, "dedup: near duplicate of story");
  EXPECT_EQ(fates["other-copy"].reason, "dedup: exact duplicate of other");
  EXPECT_EQ(fates["other"].saring, "{\"dedup_cluster_size\":2}");
  EXPECT_EQ(fates["filler-7"].reason, "");
  EXPECT_EQ(fates["filler-7"].saring, "{\"dedup_cluster_size\":1}");
  const std::string stats = testing::ReadFile(dir.Join("out/stats.json"));
  EXPECT_NE(stats.find("\"exact\": {\n        \"docs\": 2,"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"near\": {\n        \"docs\": 1,"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"clusters\": 2"), std::string::npos) << stats;  // story, other
}

TEST(DedupTest, SameOutputForAnyThreadCountRepeatedRunsAndSpilledKeys) {
  testing::TempDir dir;
  std::string corpus;
  for (int k = 0; k < 30; ++k) corpus += Corpus();  // 750 documents, many clusters
  testing::WriteFile(dir.Join("in.jsonl"), corpus);
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("one"), 1, "dedup", {}, 4096);
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("two"), 2, "dedup", {}, 4096);
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("again"), 2, "dedup", {}, 4096);
  // 750 documents x 15 keys in runs of 1,024: spilled, and the same result.
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("spilled"), 2, "dedup",
                          {"dedup.memory=1KB"}, 4096);
  for (const char* sub : {"kept", "removed"}) {
    EXPECT_EQ(ReadOutput(dir.Join("one"), sub), ReadOutput(dir.Join("two"), sub)) << sub;
    EXPECT_EQ(ReadOutput(dir.Join("two"), sub), ReadOutput(dir.Join("again"), sub)) << sub;
    EXPECT_EQ(ReadOutput(dir.Join("one"), sub), ReadOutput(dir.Join("spilled"), sub)) << sub;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.Join("spilled/.saring-tmp")));
  // The first copy of each of the 22 distinct pages stays: 750 - 22.
  EXPECT_EQ(SplitLines(ReadOutput(dir.Join("one"), "removed")).size(), 728u);
}

// Issue 6's accuracy floor on a generated corpus with known near
// duplicates (bench/near_dup_corpus.h; dedup_bench prints the same on
// larger ones): recall >= 0.95 for Jaccard >= 0.8, precision >= 0.95, at
// most 1% of true clusters with more than one survivor.
TEST(DedupTest, GeneratedNearDuplicatesAreFoundAndOthersLeftAlone) {
  bench::NearDupOptions o;
  o.bases = 800;
  const std::vector<bench::NearDupDoc> docs = bench::GenerateNearDupCorpus(o);
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), bench::NearDupJsonl(docs));
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2, "dedup");
  std::map<std::string, bench::DedupFate> fates;
  for (const auto& [id, fate] : FatesById(dir.Join("out"))) {
    bench::DedupFate f;
    f.kept = fate.reason.empty();
    const size_t of = fate.reason.find(" duplicate of ");
    if (!f.kept) f.keeper = fate.reason.substr(of + 14);
    fates[id] = f;
  }
  ASSERT_EQ(fates.size(), docs.size());
  const bench::NearDupScore score = bench::ScoreNearDup(docs, fates);
  EXPECT_GT(score.true_pairs, 500u);
  EXPECT_GE(score.Recall(), 0.95) << score.found << " of " << score.true_pairs;
  EXPECT_GE(score.Precision(), 0.95) << score.correct << " of " << score.removed;
  EXPECT_LE(score.SplitShare(), 0.01) << score.split << " of " << score.clusters;
  // The rewrites (20-40% of the words replaced) are not near duplicates.
  size_t rewrites_kept = 0, rewrites = 0;
  for (const auto& d : docs) {
    if (d.edit != "rewrite") continue;
    ++rewrites;
    rewrites_kept += fates[d.id].kept;
  }
  EXPECT_GT(rewrites, 50u);
  EXPECT_EQ(rewrites_kept, rewrites);
}

// line_dedup keeps the first copy of each line of 30+ characters, in
// input order, across documents; a page left with nothing goes. Case and
// punctuation do not make a line new (LineKey).
TEST(DedupTest, LineDedupKeepsTheFirstCopyOfEachLine) {
  const std::string shared = "First page line that is long enough to count here.";
  std::string corpus =
      Line("a", shared + "\\nUnique line of page a that nobody else has at all.") +
      Line("b", "Some other page with its own text, long enough too.\\nFIRST page line that is "
                "long enough to count here!") +
      Line("c", shared) + Line("d", "Short line.\\n" + shared);
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), corpus);
  testing::WriteFile(dir.Join("p.yaml"), "stages:\n  - line_dedup: {min_chars: 30}\n");
  PipelineConfig config;
  ASSERT_TRUE(LoadConfigFile(dir.Join("p.yaml"), &config).ok());
  for (const char* sub : {"one", "spilled"}) {
    CleanOptions o;
    o.inputs = {dir.Join("in.jsonl")};
    o.output_dir = dir.Join(sub);
    o.config = config;
    o.threads = std::string(sub) == "one" ? 1 : 2;
    o.batch_bytes = 128;
    o.max_error_messages = 0;
    if (std::string(sub) == "spilled") {
      ASSERT_TRUE(ApplyOverride("line_dedup.memory=1KB", &o.config).ok());
    }
    CleanReport r;
    ASSERT_TRUE(RunClean(o, &r).ok());
    EXPECT_EQ(r.docs_removed, 1u);
  }
  auto fates = FatesById(dir.Join("one"));
  EXPECT_EQ(fates["c"].reason,
            "line_dedup: every line was seen in an earlier document (50 characters)");
  std::map<std::string, std::string> kept = KeptTexts(dir.Join("one"));
  EXPECT_EQ(kept["a"], shared + "\nUnique line of page a that nobody else has at all.");
  EXPECT_EQ(kept["b"], "Some other page with its own text, long enough too.");
  EXPECT_EQ(kept["d"], "Short line.");  // under 30 characters: left alone
  EXPECT_EQ(ReadOutput(dir.Join("one"), "kept"), ReadOutput(dir.Join("spilled"), "kept"));
}

// unit: paragraph compares whole paragraphs: a paragraph seen before loses
// all its lines, one line of it alone is another paragraph, and a text
// without blank lines has a paragraph per line (Document::Paragraphs).
TEST(DedupTest, ParagraphDedupKeepsTheFirstCopyOfEachParagraph) {
  const std::string p1 = "P1 line one long enough to count.\nP1 line two also long enough to count.";
  // (Line writes the text into JSON as it is: newlines must be escaped.)
  auto line = [](const std::string& id, std::string text) {
    for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) {
      text.replace(at, 1, "\\n");
    }
    return Line(id, text);
  };
  const std::string corpus =
      line("a", p1 + "\n\nA unique paragraph of page a, long enough.") +
      line("b", "Intro paragraph of page b, long enough to count here.\n\n" + p1) +
      line("c", "P1 line one long enough to count.\n\nSomething else of page c, long enough.") +
      line("d", "P1 LINE ONE long enough to count!\nP1 line two also long enough to count.") +
      line("e", p1);
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), corpus);
  testing::WriteFile(dir.Join("p.yaml"), "stages:\n  - line_dedup: {unit: paragraph}\n");
  CleanOptions o;
  o.inputs = {dir.Join("in.jsonl")};
  o.output_dir = dir.Join("out");
  ASSERT_TRUE(LoadConfigFile(dir.Join("p.yaml"), &o.config).ok());
  o.threads = 2;
  o.max_error_messages = 0;
  CleanReport r;
  ASSERT_TRUE(RunClean(o, &r).ok());
  auto fates = FatesById(dir.Join("out"));
  EXPECT_EQ(fates["e"].reason,
            "line_dedup: every paragraph was seen in an earlier document (72 characters)");
  std::map<std::string, std::string> kept = KeptTexts(dir.Join("out"));
  EXPECT_EQ(kept.size(), 4u);
  EXPECT_EQ(kept["a"], p1 + "\n\nA unique paragraph of page a, long enough.");
  EXPECT_EQ(kept["b"], "Intro paragraph of page b, long enough to count here.");
  EXPECT_EQ(kept["c"], "P1 line one long enough to count.\n\nSomething else of page c, long enough.");
  EXPECT_EQ(kept["d"], "P1 line two also long enough to count.");
}

// exact_field: url: the same page crawled twice under one URL is one
// cluster whatever its text; records without the field match nobody by it.
TEST(DedupTest, ExactDuplicatesByAField) {
  auto page = [](const std::string& id, const std::string& url, const std::string& text) {
    return "{\"id\":\"" + id + "\"" + (url.empty() ? "" : ",\"url\":\"" + url + "\"") +
           ",\"text\":\"" + text + "\"}\n";
  };
  testing::TempDir dir;
  testing::WriteFile(
      dir.Join("in.jsonl"),
      page("crawl-1", "https://a.example/news", "The first version of the story, from Monday.") +
          page("crawl-2", "https://a.example/news", "A rewritten version, updated on Tuesday night.") +
          page("other", "https://b.example/", "Another site with other words entirely, today.") +
          page("no-url", "", "Yet another page, without a url field, unique as well."));
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2, "dedup",
                          {"dedup.exact_field=url", "dedup.near=false"});
  auto fates = FatesById(dir.Join("out"));
  EXPECT_EQ(fates["crawl-2"].reason, "dedup: same url as crawl-1");
  EXPECT_EQ(fates["crawl-1"].saring, "{\"dedup_cluster_size\":2}");
  EXPECT_EQ(fates["other"].reason, "");
  EXPECT_EQ(fates["no-url"].reason, "");
}

// keeper: score keeps the best value of a numeric field; a record without
// it (or with a string there) ranks below every number, and ties go to the
// first in input order.
TEST(DedupTest, KeeperByScoreField) {
  auto page = [](const std::string& id, const std::string& score) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + std::string(kStory) + "\"" +
           (score.empty() ? "" : ",\"metadata\":{\"edu\":" + score + "}") + "}\n";
  };
  testing::TempDir dir;
  testing::WriteFile(dir.Join("in.jsonl"), page("none", "") + page("text", "\"high\"") +
                                               page("low", "-1") + page("best", "3") +
                                               page("best-later", "3.0") + page("mid", "2.5"));
  // The keeper and its field in either order: the stage is checked once both are set.
  testing::RunCleanOrFail({dir.Join("in.jsonl")}, dir.Join("out"), 2, "dedup",
                          {"dedup.keeper=score", "dedup.score_field=metadata.edu"});
  auto fates = FatesById(dir.Join("out"));
  EXPECT_EQ(fates["best"].saring, "{\"dedup_cluster_size\":6}");
  for (const char* id : {"none", "text", "low", "best-later", "mid"}) {
    EXPECT_EQ(fates[id].reason, "dedup: exact duplicate of best") << id;
  }
  PipelineConfig c;
  ASSERT_TRUE(LoadPreset("dedup", &c).ok());
  EXPECT_EQ(ApplyOverrides({"dedup.keeper=score"}, &c).message(),
            "--set dedup.keeper=score: stage 'dedup': keeper: score needs score_field (a numeric "
            "field of the record, e.g. metadata.edu_score), and score_field is only read by "
            "keeper: score");
}

// Incremental: the first crawl's kept documents are saved; the second
// crawl loses what matches them (naming the earlier page) and keeps its own
// first copies. The index's documents are not written again.
TEST(DedupTest, AgainstTheIndexOfAnEarlierRun) {
  testing::TempDir dir;
  std::string reworded = kStory;
  reworded.replace(reworded.find("khawatir"), 8, "takut");
  testing::WriteFile(dir.Join("crawl1.jsonl"),
                     Line("story", kStory) + Line("story-copy", kStory) +
                         Line("filler", "A page of the first crawl that nobody copies at all."));
  testing::WriteFile(dir.Join("crawl2.jsonl"),
                     Line("story-again", reworded) +
                         Line("fresh", "A new page of the second crawl about another topic.") +
                         Line("fresh-copy", "A new page of the second crawl about another topic."));
  const std::string index = dir.Join("index");
  CleanReport first = testing::RunCleanOrFail({dir.Join("crawl1.jsonl")}, dir.Join("out1"), 2,
                                              "dedup", {"dedup.save_index=" + index}, 128);
  EXPECT_EQ(first.docs_kept, 2u);
  EXPECT_FALSE(std::filesystem::exists(dir.Join("out1/.saring-tmp")));
  EXPECT_EQ(testing::ReadFile(index + "/settings.txt"),
            "bands 14 rows 8 ngram 5 seed 1 exact_field ''\ndocuments 2\n");
  // The second run saves into the index it reads: the index accumulates.
  CleanReport second = testing::RunCleanOrFail(
      {dir.Join("crawl2.jsonl")}, dir.Join("out2"), 2, "dedup",
      {"dedup.against=" + index, "dedup.save_index=" + index}, 128);
  EXPECT_EQ(second.docs_in, 3u);
  EXPECT_EQ(second.docs_kept, 1u);
  auto fates = FatesById(dir.Join("out2"));
  EXPECT_EQ(fates["story-again"].reason, "dedup: near duplicate of story");
  EXPECT_EQ(fates["fresh-copy"].reason, "dedup: exact duplicate of fresh");
  EXPECT_EQ(fates["fresh"].saring, "{\"dedup_cluster_size\":2}");
  EXPECT_EQ(fates.count("filler"), 0u);
  EXPECT_EQ(testing::ReadFile(index + "/settings.txt"),
            "bands 14 rows 8 ngram 5 seed 1 exact_field ''\ndocuments 3\n");
  // A third crawl meets pages of both earlier ones.
  testing::WriteFile(dir.Join("crawl3.jsonl"),
                     Line("filler-again", "A page of the first crawl that nobody copies at all!") +
                         Line("fresh-again", "A new page of the second crawl about another topic.") +
                         Line("third", "A page only the third crawl has, on a third topic."));
  testing::RunCleanOrFail({dir.Join("crawl3.jsonl")}, dir.Join("out3rd"), 1, "dedup",
                          {"dedup.against=" + index});
  fates = FatesById(dir.Join("out3rd"));
  EXPECT_EQ(fates["filler-again"].reason, "dedup: exact duplicate of filler");
  EXPECT_EQ(fates["fresh-again"].reason, "dedup: exact duplicate of fresh");
  EXPECT_EQ(fates["third"].reason, "");

  CleanOptions o;
  o.inputs = {dir.Join("crawl2.jsonl")};
  o.output_dir = dir.Join("out3");
  ASSERT_TRUE(LoadPreset("dedup", &o.config).ok());
  ASSERT_TRUE(ApplyOverride("dedup.against=" + index, &o.config).ok());
  ASSERT_TRUE(ApplyOverride("dedup.bands=20", &o.config).ok());
  CleanReport r;
  EXPECT_EQ(RunClean(o, &r).message(),
            "dedup index " + index +
                " was made with bands 14 rows 8 ngram 5 seed 1 exact_field ''; this run uses "
                "bands 20 rows 8 ngram 5 seed 1 exact_field ''");
  ASSERT_TRUE(ApplyOverride("dedup.against=" + dir.Join("nowhere"), &o.config).ok());
  o.overwrite = true;
  EXPECT_EQ(RunClean(o, &r).message(),
            dir.Join("nowhere") + ": not a saring dedup index (no settings.txt)");
}

TEST(DedupTest, BadSettingsAreClearErrors) {
  PipelineConfig c;
  ASSERT_TRUE(LoadPreset("dedup", &c).ok());
  EXPECT_EQ(ApplyOverride("dedup.preset=minhash", &c).message(),
            "--set dedup.preset=minhash: stage 'dedup': preset 'minhash' is unknown (fineweb, "
            "nemo, refinedweb)");
  EXPECT_EQ(ApplyOverride("dedup.near=false", &c).ok(), true);
  EXPECT_EQ(ApplyOverride("dedup.exact=false", &c).message(),
            "--set dedup.exact=false: stage 'dedup': exact and near are both off: nothing to do");
  EXPECT_NE(ApplyOverride("dedup.band=3", &c).message().find("did you mean 'bands'"),
            std::string::npos);
}

}  // namespace
}  // namespace saring
