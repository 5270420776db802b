// WordSegmenter: splits text into words, for every script, the one way all
// stages that count or compare words see them.
//
//   WordSegmenter segmenter;
//   std::vector<std::string_view> words;
//   segmenter.Segment("Harga naik 3,5% di Jakarta's pasar.", &words);
//   // {"Harga", "naik", "3,5", "di", "Jakarta's", "pasar"}
//   segmenter.Segment("ภาษาไทยง่ายนิดเดียว", &words);
//   // {"ภาษา", "ไทย", "ง่าย", "นิดเดียว"}  (ICU's dictionary)
//
// A word is a maximal run of letters, combining marks and digits, where an
// apostrophe (' or U+2019) or a hyphen between two such characters, and a
// '.' or ',' between two digits, stay inside the word ("don't",
// "state-of-the-art", "3.14", "1,200"). Everything else (spaces,
// punctuation, symbols, emoji) separates words and is not returned.
//
// Scripts written without spaces (Thai, Lao, Khmer, Myanmar, Han, Hiragana,
// Katakana) are cut into dictionary words by ICU's word BreakIterator, run
// only on those stretches of text; every other script takes the fast path
// above (ASCII bytes need no decoding at all).
//
// Thread-safety: a WordSegmenter holds an ICU break iterator and is used by
// one thread at a time; make one per thread.

#ifndef SARING_TEXT_WORD_SEGMENTER_H_
#define SARING_TEXT_WORD_SEGMENTER_H_

#include <memory>
#include <string_view>
#include <vector>

namespace saring {

class WordSegmenter {
 public:
  WordSegmenter();
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;

  // Replaces *words with the words of `text` (valid UTF-8), as views into it.
  void Segment(std::string_view text, std::vector<std::string_view>* words);

 private:
  // Appends the dictionary words of `run`, a stretch of one script written
  // without spaces.
  void SegmentWithoutSpaces(std::string_view run, std::vector<std::string_view>* words);

  struct Icu;
  std::unique_ptr<Icu> icu_;  // created on first use
};

}  // namespace saring

#endif  // SARING_TEXT_WORD_SEGMENTER_H_
