// Quality signals: the numbers Gopher, C4 and FineWeb judge a document by,
// computed in one pass over a document's shared views (lines, words).
//
//   SignalOptions options;  // English stop words, FineWeb's line-end set
//   QualitySignals s;
//   ComputeSignals(doc, options, &s);
//   if (s.dup_line_frac > 0.30) ...   // Gopher's threshold
//
// Definitions follow Gopher (Rae et al. 2021, table A1) as datatrove
// implements it, and FineWeb's quality filter; lengths are in characters
// (code points), as Python's len() counts them:
//
//   Gopher repetition
//     paragraphs: the stripped text split at runs of 2+ newlines
//     lines:      the text split at runs of newlines
//     dup_{para,line}_frac       repeated items / items (the first copy is
//                                not a repeat)
//     dup_{para,line}_char_frac  characters of repeated items / characters
//                                of the text
//     top_ngram_char_frac[n-2]   n = 2, 3, 4: the most frequent word n-gram
//                                (words joined by one space; on a tie, the
//                                one seen first), its length times its count,
//                                / characters of the text
//     dup_ngram_char_frac[n-5]   n = 5..10: scanning word positions, an
//                                n-gram (words joined without a space) seen
//                                before adds its length and the scan jumps n
//                                words, otherwise it steps one; / characters
//   Gopher quality
//     words                      words (text/word_segmenter.h: punctuation is
//                                not a word)
//     mean_word_length           characters per word
//     hash_word_ratio            '#' characters / words
//     ellipsis_word_ratio        ("..." + "…") / words
//     bullet_lines_frac          lines (split at '\n') starting, after
//                                spaces, with '•' or '-'
//     ellipsis_lines_frac        lines ending, before spaces, with "..." or "…"
//     alpha_words_frac           words with a letter / words
//     stop_words, distinct_stop_words  occurrences of the stop words, and how
//                                many different ones occur (Gopher asks for
//                                "at least two of" its eight English words)
//   FineWeb
//     line_punct_frac            lines (split at '\n', empty ones included)
//                                ending in a line-end mark / lines; also
//                                with each built-in set of marks
//                                (line_punct_frac_fineweb, _multiscript),
//                                which `saring signals` stores so that a
//                                --from-signals run may use either
//     short_line_frac            lines of <= short_line_chars characters / lines
//     dup_line_chars_frac        characters of repeated non-empty lines /
//                                characters of the text without newlines
//     newlines_per_word          '\n' characters / words
//
// Known difference from datatrove: its word tokenizers also return
// punctuation tokens, which count in its word totals and n-grams; saring's
// words never include punctuation, in every language.
//
// Thread-safety: ComputeSignals keeps per-thread scratch; call it from any
// thread.

#ifndef SARING_QUALITY_SIGNALS_H_
#define SARING_QUALITY_SIGNALS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "saring/document.h"

namespace saring {

// Gopher's eight English stop words.
const std::vector<std::string>& GopherStopWords();

struct SignalOptions {
  // A view: the quality stage points it at the document language's list
  // (quality/thresholds.h) without copying it per document.
  std::span<const std::string> stop_words = GopherStopWords();
  // A word counts as a stop word when it ends with one (and is longer):
  // for Korean, whose stop-word lists are particles written attached to the
  // word before them (축제가: 축제 + 가).
  bool stop_words_as_suffixes = false;
  // FineWeb's line-end marks; FineWeb-2 and saring's default add other
  // scripts' (see the quality stage).
  std::vector<std::string> line_end_marks = {".", "'", "\"", "!", "?"};
  size_t short_line_chars = 30;
};

struct QualitySignals {
  // Gopher repetition
  double dup_para_frac = 0, dup_para_char_frac = 0;
  double dup_line_frac = 0, dup_line_char_frac = 0;
  std::array<double, 3> top_ngram_char_frac{};  // n = 2, 3, 4
  std::array<double, 6> dup_ngram_char_frac{};  // n = 5 .. 10
  // Gopher quality
  uint64_t words = 0;
  double mean_word_length = 0;
  double hash_word_ratio = 0, ellipsis_word_ratio = 0;
  double bullet_lines_frac = 0, ellipsis_lines_frac = 0;
  double alpha_words_frac = 0;
  uint64_t stop_words = 0, distinct_stop_words = 0;
  // FineWeb
  double line_punct_frac_fineweb = 0, line_punct_frac_multiscript = 0;  // see ComputeSignals
  double line_punct_frac = 0, short_line_frac = 0;
  double dup_line_chars_frac = 0;
  double newlines_per_word = 0;
};

void ComputeSignals(const Document& doc, const SignalOptions& options, QualitySignals* signals);

}  // namespace saring

#endif  // SARING_QUALITY_SIGNALS_H_
