#include "corpus/line_census.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace saring {
namespace {

bool Countable(std::string_view line, const LineCensusOptions& o = {}) {
  std::string key;
  uint64_t hash;
  return ClassifyLine(line, o, &key, &hash) == LineKind::kCountable;
}

TEST(LineCensusTest, WhichLinesAreCounted) {
  EXPECT_TRUE(Countable("Jump to navigation Jump to search"));
  EXPECT_TRUE(Countable("Copyright © 2019 Kabar Minang. All rights reserved."));  // 7 words
  EXPECT_TRUE(Countable("Bagikan: Facebook Twitter WhatsApp"));
  EXPECT_FALSE(Countable("References"));                  // one word
  EXPECT_FALSE(Countable("See also"));                    // key "see also": 8 < 10 characters
  EXPECT_FALSE(Countable("12 345 678 90"));               // no word with a letter
  EXPECT_FALSE(Countable("Home 2019"));                   // one word with a letter
  EXPECT_FALSE(Countable(std::string(201, 'a') + " b"));  // longer than max_chars
  // Sentences of 12+ words are article text, even when short.
  EXPECT_FALSE(
      Countable("Kepala Pelaksana BPBD mengatakan tim gabungan telah mengevakuasi warga lanjut "
                "usia ke masjid."));
  EXPECT_FALSE(
      Countable("\"The council will vote on the plan next week, after the public hearing ends.\""));
  // The same words without terminal punctuation read as a label or link.
  EXPECT_TRUE(
      Countable("Kepala Pelaksana BPBD mengatakan tim gabungan telah mengevakuasi warga lanjut "
                "usia ke masjid"));
  // A CJK sentence (no spaces) of 25+ characters ending in a full stop.
  EXPECT_FALSE(Countable("图书馆周末延长开放时间，市民可以在晚上十点之前借阅图书和使用自习室。"));
  EXPECT_TRUE(Countable("本站所有文章版权归原作者所有"));
  LineCensusOptions all_sentences;
  all_sentences.sentence_min_words = 0;
  EXPECT_TRUE(
      Countable("The council will vote on the plan next week, after the public hearing ends.",
                all_sentences));
}

// Runs a census over `docs` (text, domain) with one shard.
std::shared_ptr<CommonLineSet> Census(const std::vector<std::pair<std::string, std::string>>& docs,
                                      const LineCensusOptions& o, const std::string& temp_dir) {
  LineCensus census(o, temp_dir, 1);
  LineCensus::Shard* shard = census.NewShard();
  for (const auto& [text, domain] : docs) shard->AddDocument(text, domain);
  std::shared_ptr<CommonLineSet> set;
  Status s = census.Finish(&set);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return set;
}

bool IsCommon(const CommonLineSet& set, std::string_view line) {
  std::string key;
  uint64_t hash;
  return ClassifyLine(line, LineCensusOptions(), &key, &hash) == LineKind::kCountable &&
         set.Contains(hash);
}

TEST(LineCensusTest, SiteTemplatesNeedMinDocsOnOneDomain) {
  testing::TempDir dir;
  const std::string footer = "Follow Kabar Minang on social media";
  auto set = Census({{"story one body\n" + footer, "kabarminang.example"},
                     {"story two body\n" + footer, "kabarminang.example"},
                     {"story three body\n" + footer, "kabarminang.example"},
                     {"other story\nRead more on Berita Sumbar", "beritasumbar.example"},
                     {"another story\nRead more on Berita Sumbar", "beritasumbar.example"}},
                    LineCensusOptions(), dir.path());
  EXPECT_TRUE(IsCommon(*set, footer));
  EXPECT_TRUE(IsCommon(*set, "FOLLOW kabar minang on social media!"));  // same key
  EXPECT_FALSE(IsCommon(*set, "Read more on Berita Sumbar"));           // 2 documents < 3
  EXPECT_EQ(set->stats().docs, 5u);
  EXPECT_EQ(set->stats().distinct_lines, 7u);  // 5 story lines, the footer, "Read more ..."
  EXPECT_EQ(set->stats().common_lines, 1u);
}

TEST(LineCensusTest, CrossSiteTemplatesNeedMinDomains) {
  testing::TempDir dir;
  const std::string prompt = "Leave a comment below this post";
  auto set = Census({{prompt, "a.example"},
                     {prompt, "b.example"},
                     {prompt, "c.example"},
                     {"Share this article with friends", "a.example"},
                     {"Share this article with friends", "b.example"}},
                    LineCensusOptions(), dir.path());
  EXPECT_TRUE(IsCommon(*set, prompt));
  EXPECT_FALSE(IsCommon(*set, "Share this article with friends"));  // 2 domains, 1 doc each
  std::vector<CommonLine> top = set->Top();
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].docs, 3u);
  EXPECT_EQ(top[0].domains, 3u);
}

TEST(LineCensusTest, CopiesOfOneStoryCountOnce) {
  testing::TempDir dir;
  // A wire story republished verbatim on four sites: its title must not
  // look like a cross-site template. Its paragraphs are article lines (long
  // sentences), which make up the story's identity.
  const std::string title = "Flood waters rise in Padang";
  const std::string story =
      title + "\n\n" +
      "Heavy rain that fell over the city since Monday night flooded houses in several "
      "districts, the disaster agency said on Tuesday morning.\n\n"
      "Officials said the joint team evacuated elderly residents and children to the "
      "nearest mosques before the water reached one metre.";
  auto set = Census(
      {{story, "a.example"}, {story, "b.example"}, {story, "c.example"}, {story, "d.example"}},
      LineCensusOptions(), dir.path());
  EXPECT_FALSE(IsCommon(*set, title));
  // Three different stories under the same heading on three sites: a template.
  set = Census(
      {{title +
            "\nFirst story text that is long enough to be an article line, with many words in it.",
        "a.example"},
       {title +
            "\nSecond story text that is long enough to be an article line, with many words in it.",
        "b.example"},
       {title +
            "\nThird story text that is long enough to be an article line, with many words in it.",
        "c.example"}},
      LineCensusOptions(), dir.path());
  EXPECT_TRUE(IsCommon(*set, title));
  EXPECT_EQ(set->Top().at(0).docs, 3u);
}

TEST(LineCensusTest, WithoutUrlsTheCorpusIsOneDomainAndRepeatsInADocCountOnce) {
  testing::TempDir dir;
  const std::string line = "Subscribe to our weekly newsletter";
  auto set =
      Census({{line + "\n" + line + "\n" + line, ""}, {line, ""}}, LineCensusOptions(), dir.path());
  EXPECT_FALSE(IsCommon(*set, line));  // 2 documents, however many copies
  set = Census({{line, ""}, {line, ""}, {line, ""}}, LineCensusOptions(), dir.path());
  EXPECT_TRUE(IsCommon(*set, line));
}

// A distinct letters-only word for n (keys fold digits to 0).
std::string Word(int n) {
  std::string w;
  do {
    w.push_back(static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return w;
}

TEST(LineCensusTest, SpillingToDiskGivesTheSameAnswerAsMemory) {
  testing::TempDir dir;
  // 20,000 documents on 40 sites, each with 3 site lines and 4 lines of its
  // own: 140,000 records, over three times what a 1 MB budget holds.
  std::vector<std::pair<std::string, std::string>> docs;
  for (int d = 0; d < 20000; ++d) {
    int site = d % 40;
    std::string text;
    for (int t = 0; t < 3; ++t) text += "site " + Word(site * 7 + t) + " template line words\n";
    for (int u = 0; u < 4; ++u) text += "document " + Word(d * 4 + u) + " unique line words\n";
    docs.push_back({text, "site" + std::to_string(site) + ".example"});
  }
  LineCensusOptions small;
  small.memory_bytes = 1 << 20;
  auto spilled = Census(docs, small, dir.Join("spill"));
  auto in_memory = Census(docs, LineCensusOptions(), dir.Join("memory"));
  EXPECT_GT(spilled->stats().runs_spilled, 1u);
  EXPECT_GT(spilled->stats().bytes_spilled, 1u << 20);
  EXPECT_EQ(in_memory->stats().runs_spilled, 0u);
  EXPECT_EQ(spilled->stats().line_records, 140000u);
  EXPECT_EQ(spilled->stats().distinct_lines, 40u * 3 + 20000u * 4);
  EXPECT_EQ(spilled->stats().common_lines, 40u * 3);
  EXPECT_EQ(in_memory->stats().common_lines, 40u * 3);
  EXPECT_TRUE(IsCommon(*spilled, "site " + Word(7) + " template line words"));
  EXPECT_FALSE(IsCommon(*spilled, "document " + Word(4) + " unique line words"));
  EXPECT_FALSE(std::filesystem::exists(dir.Join("spill")));  // spill files removed
}

}  // namespace
}  // namespace saring
