#include "quality/signals.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace saring {
namespace {

QualitySignals Signals(const std::string& text) {
  Document doc;
  doc.Reset("t", text);
  QualitySignals s;
  ComputeSignals(doc, SignalOptions(), &s);
  return s;
}

// datatrove's n-gram definitions, written plainly: the most frequent
// n-gram (" ".join, first seen on a tie) times its count, and the
// characters of "".join n-grams seen before, jumping past each repeat.
uint64_t ReferenceTop(const std::vector<std::string>& w, size_t n) {
  if (w.size() < n) return 0;
  std::map<std::string, std::pair<size_t, size_t>> counts;  // gram -> (count, first position)
  for (size_t i = 0; i + n <= w.size(); ++i) {
    std::string g = w[i];
    for (size_t k = 1; k < n; ++k) g += " " + w[i + k];
    auto [it, fresh] = counts.try_emplace(g, 0, i);
    ++it->second.first;
  }
  std::pair<size_t, size_t> best{0, 0};
  size_t best_len = 0;
  for (const auto& [g, c] : counts) {
    if (c.first > best.first || (c.first == best.first && c.second < best.second)) {
      best = c;
      best_len = g.size();
    }
  }
  return best.first * best_len;
}

uint64_t ReferenceDuplicated(const std::vector<std::string>& w, size_t n) {
  std::map<std::string, int> seen;
  uint64_t chars = 0;
  for (size_t i = 0; i + n <= w.size();) {
    std::string g;
    for (size_t k = 0; k < n; ++k) g += w[i + k];
    if (seen.count(g) > 0) {
      chars += g.size();
      i += n;
    } else {
      seen[g] = 1;
      ++i;
    }
  }
  return chars;
}

// The n-gram passes skip positions whose shorter n-gram is unique (see
// signals.cc); on random texts over five three-letter words, full of
// repeats, they must give the plain definitions' values exactly. (Words of
// one length cut equal bytes into equal words, the case where the skip is
// exact for every n.)
TEST(SignalsTest, NgramSignalsMatchThePlainDefinitions) {
  const std::vector<std::string> vocabulary = {"foo", "bar", "baz", "qux", "zap"};
  std::mt19937 rng(7);
  for (int doc = 0; doc < 400; ++doc) {
    std::vector<std::string> words(rng() % 60);
    std::string text;
    for (std::string& w : words) {
      w = vocabulary[rng() % (doc % 2 == 0 ? 2 : vocabulary.size())];
      text += (text.empty() ? "" : " ") + w;
    }
    QualitySignals s = Signals(text);
    const double chars = double(text.size());
    for (size_t n = 2; n <= 4; ++n) {
      const double expected = chars > 0 ? double(ReferenceTop(words, n)) / chars : 0.0;
      ASSERT_NEAR(s.top_ngram_char_frac[n - 2], expected, 1e-12) << text << " n=" << n;
    }
    for (size_t n = 5; n <= 10; ++n) {
      const double expected = chars > 0 ? double(ReferenceDuplicated(words, n)) / chars : 0.0;
      ASSERT_NEAR(s.dup_ngram_char_frac[n - 5], expected, 1e-12) << text << " n=" << n;
    }
  }
}

// "a b c" twice, then "d e f", as paragraphs: 19 characters.
TEST(SignalsTest, GopherRepetitionByHand) {
  QualitySignals s = Signals("a b c\n\na b c\n\nd e f");
  EXPECT_NEAR(s.dup_para_frac, 1.0 / 3, 1e-9);
  EXPECT_NEAR(s.dup_para_char_frac, 5.0 / 19, 1e-9);
  EXPECT_NEAR(s.dup_line_frac, 1.0 / 3, 1e-9);  // runs of newlines split lines
  EXPECT_NEAR(s.dup_line_char_frac, 5.0 / 19, 1e-9);
  // Bigrams "a b" and "b c" both twice: the first seen wins, 3 chars x 2.
  EXPECT_NEAR(s.top_ngram_char_frac[0], 6.0 / 19, 1e-9);
  // "a b c" twice: 5 x 2.
  EXPECT_NEAR(s.top_ngram_char_frac[1], 10.0 / 19, 1e-9);
  // Every 4-gram once: the first, "a b c a", 7 chars.
  EXPECT_NEAR(s.top_ngram_char_frac[2], 7.0 / 19, 1e-9);
  for (double f : s.dup_ngram_char_frac) EXPECT_EQ(f, 0.0);
}

// Twelve words "a b c d e a b c d e f g" (23 characters): at word 5 the
// 5-gram "abcde" repeats (5 characters), the scan jumps to word 10 and ends.
// No 6-gram repeats.
TEST(SignalsTest, DuplicatedNgramsJumpPastARepeat) {
  QualitySignals s = Signals("a b c d e a b c d e f g");
  EXPECT_NEAR(s.dup_ngram_char_frac[0], 5.0 / 23, 1e-9);
  EXPECT_EQ(s.dup_ngram_char_frac[1], 0.0);
  // Words are joined without spaces, as datatrove compares them: "ab c d e f"
  // and "a bc d e f" are the same 5-gram "abcdef" (6 characters of 21).
  s = Signals("ab c d e f a bc d e f");
  EXPECT_NEAR(s.dup_ngram_char_frac[0], 6.0 / 21, 1e-9);
  // The same with words of four bytes and more (hashed four bytes a step):
  // "abcde fghij klm nop qrs" and "abc defghij klmno pq rs" are both
  // "abcdefghijklmnopqrs", 19 of the text's 47 characters.
  s = Signals("abcde fghij klm nop qrs abc defghij klmno pq rs");
  EXPECT_NEAR(s.dup_ngram_char_frac[0], 19.0 / 47, 1e-9);
}

// Four lines, 13 words: The cat sat with the dog / tag more / 42 and 7 /
// The end ('#' and '•' are not words).
TEST(SignalsTest, GopherQualityAndFineWebByHand) {
  QualitySignals s = Signals("- The cat sat with the dog...\n- #tag #more\n• 42 and 7\nThe end…");
  EXPECT_EQ(s.words, 13u);
  EXPECT_NEAR(s.mean_word_length, 38.0 / 13, 1e-9);
  EXPECT_NEAR(s.hash_word_ratio, 2.0 / 13, 1e-9);
  EXPECT_NEAR(s.ellipsis_word_ratio, 2.0 / 13, 1e-9);  // "..." and "…"
  EXPECT_NEAR(s.bullet_lines_frac, 3.0 / 4, 1e-9);
  EXPECT_NEAR(s.ellipsis_lines_frac, 2.0 / 4, 1e-9);
  EXPECT_NEAR(s.alpha_words_frac, 11.0 / 13, 1e-9);  // not "42", "7"
  EXPECT_EQ(s.stop_words, 3u);                       // with, the, and; "The" does not match (case)
  EXPECT_EQ(s.distinct_stop_words, 3u);
  EXPECT_NEAR(s.line_punct_frac, 1.0 / 4, 1e-9);  // "..." ends in '.'; '…' is not a mark
  EXPECT_NEAR(s.short_line_frac, 1.0, 1e-9);      // the longest line has 29 characters
  EXPECT_EQ(s.dup_line_chars_frac, 0.0);
  EXPECT_NEAR(s.newlines_per_word, 3.0 / 13, 1e-9);
}

TEST(SignalsTest, RepeatedStopWordsCountOnceAsDistinct) {
  QualitySignals s = Signals("the the the to");
  EXPECT_EQ(s.stop_words, 4u);
  EXPECT_EQ(s.distinct_stop_words, 2u);
}

// Korean particles written onto their word: 축제가 (가), 서울에서 (에서),
// 음식을 (을) count; 가 alone is not a word that ends with 가; 열린다 has
// none of the list.
TEST(SignalsTest, StopWordsAsSuffixes) {
  Document doc;
  doc.Reset("t", "축제가 서울에서 음식을 열린다 가 축제가");
  const std::vector<std::string> particles = {"가", "에서", "을"};
  SignalOptions options;
  options.stop_words = particles;
  options.stop_words_as_suffixes = true;
  QualitySignals s;
  ComputeSignals(doc, options, &s);
  EXPECT_EQ(s.stop_words, 4u);  // 축제가 twice, 서울에서, 음식을
  EXPECT_EQ(s.distinct_stop_words, 3u);
  options.stop_words_as_suffixes = false;  // whole words only: 가
  ComputeSignals(doc, options, &s);
  EXPECT_EQ(s.stop_words, 1u);
}

// FineWeb counts characters of repeated non-empty lines against the text
// without its newlines; an empty line (between the copies) is not a line
// that repeats. "x y\n\nx y\nz": 7 characters without newlines, 3 repeated.
TEST(SignalsTest, FineWebDuplicateLineCharsSkipEmptyLines) {
  QualitySignals s = Signals("x y\n\nx y\nz");
  EXPECT_NEAR(s.dup_line_chars_frac, 3.0 / 7, 1e-9);
  EXPECT_NEAR(s.line_punct_frac, 0.0, 1e-9);
  EXPECT_NEAR(s.short_line_frac, 1.0, 1e-9);  // 4 lines, the empty one included
  EXPECT_NEAR(s.newlines_per_word, 3.0 / 5, 1e-9);
}

TEST(SignalsTest, EmptyTextAndOneLine) {
  QualitySignals s = Signals("");
  EXPECT_EQ(s.words, 0u);
  EXPECT_EQ(s.dup_line_frac, 0.0);
  EXPECT_EQ(s.mean_word_length, 0.0);
  EXPECT_EQ(s.newlines_per_word, 0.0);
  s = Signals("Hello world.");
  EXPECT_EQ(s.words, 2u);
  EXPECT_EQ(s.dup_line_frac, 0.0);
  EXPECT_NEAR(s.top_ngram_char_frac[0], 11.0 / 12, 1e-9);  // "Hello world" once
  EXPECT_EQ(s.top_ngram_char_frac[1], 0.0);                // no 3-gram
  EXPECT_NEAR(s.line_punct_frac, 1.0, 1e-9);
  EXPECT_EQ(s.newlines_per_word, 0.0);
}

// Thai has no spaces: words come from ICU's dictionary ("สวัสดี" 6 code
// points, "ครับ" 4). The top bigram joins them with a space that is not in
// the text, so its fraction exceeds 1 (11 / 10), as datatrove's does.
TEST(SignalsTest, ThaiWordsFromTheSharedSegmentation) {
  QualitySignals s = Signals("สวัสดีครับ");
  EXPECT_EQ(s.words, 2u);
  EXPECT_NEAR(s.mean_word_length, 5.0, 1e-9);
  EXPECT_NEAR(s.alpha_words_frac, 1.0, 1e-9);
  EXPECT_NEAR(s.top_ngram_char_frac[0], 11.0 / 10, 1e-9);
}

}  // namespace
}  // namespace saring
