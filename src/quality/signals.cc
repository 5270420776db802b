#include "quality/signals.h"

#include <algorithm>
#include <bitset>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "quality/thresholds.h"
#include "text/ascii.h"
#include "text/utf8.h"
#include "util/u64_table.h"

namespace saring {
namespace {

// Word n-grams are compared by a polynomial hash of their bytes modulo the
// Mersenne prime 2^61 - 1, read off prefix hashes of the word stream: the
// hash of bytes [a, b) is P[b] - P[a] * B^(b - a), so an n-gram costs one
// multiplication whatever n is, and no string is built. The same bytes give
// the same hash however they are cut into words, which is what datatrove's
// "".join(words) comparison means. Its " ".join comparison is a comparison
// of word sequences (words hold no spaces), keyed by the words' own hashes
// (WordStream::SequenceKey).
constexpr uint64_t kMod = (uint64_t(1) << 61) - 1;
constexpr uint64_t kBase = 0x1F3D5B79A2C4E6F1ull % kMod;

inline uint64_t MulMod(uint64_t a, uint64_t b) {
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  uint64_t r = static_cast<uint64_t>(p & kMod) + static_cast<uint64_t>(p >> 61);
  return r >= kMod ? r - kMod : r;
}
inline uint64_t AddMod(uint64_t a, uint64_t b) {
  uint64_t r = a + b;
  return r >= kMod ? r - kMod : r;
}
// U64Table takes its slot from a key's low bits: spread them.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

// Prefix hashes of the words' concatenated bytes (`tight`), each word's own
// hash, and the character count before each word.
struct WordStream {
  std::vector<uint64_t> tight;     // size words + 1
  std::vector<uint64_t> tight_at;  // byte offsets, size words + 1
  std::vector<uint64_t> chars_at;  // code points before word i
  std::vector<uint64_t> word;      // each word's own hash (its bytes), size words
  std::vector<uint64_t> powers;    // kBase^k, grown on demand

  size_t size() const { return chars_at.size() - 1; }
  // kBase^0 .. kBase^k available: HashWords grows them once per document
  // to the longest span the n-gram passes ask for.
  void GrowPowers(uint64_t k) {
    if (powers.empty()) powers.push_back(1);
    while (powers.size() <= k) powers.push_back(MulMod(powers.back(), kBase));
  }
  uint64_t Power(uint64_t k) const { return powers[k]; }
  // Words [i, j) as concatenated bytes ("".join).
  uint64_t Tight(size_t i, size_t j) {
    return AddMod(tight[j], kMod - MulMod(tight[i], Power(tight_at[j] - tight_at[i])));
  }
  // Words [i, i + n) as a sequence (" ".join), a table key: the words'
  // own hashes chained by a 64-bit multiply-mix (no modular arithmetic;
  // distinct sequences of one document collide with odds of about 2^-64).
  uint64_t SequenceKey(size_t i, size_t n) const {
    uint64_t k = word[i];
    for (size_t t = 1; t < n; ++t) k = (k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull + word[i + t];
    return Mix(k);
  }
  uint64_t Chars(size_t i, size_t j) const { return chars_at[j] - chars_at[i]; }
};

struct Scratch {
  WordStream words;
  std::vector<std::string_view> items;
  std::vector<uint32_t> counts;
  std::vector<uint32_t> lengths;
  std::vector<uint32_t> ids;       // per position: its n-gram's index in counts
  std::vector<uint8_t> repeated;   // per position: its n-gram occurs twice or more
  std::vector<uint8_t> previous;   // `repeated` of the pass before
  U64Table table;
};

constexpr uint32_t kNoId = UINT32_MAX;


// Splits `text` at runs of at least `min_run` newlines (1: lines as
// re.split("\n+"), 2: paragraphs as re.split("\n{2,}")).
void SplitAtNewlineRuns(std::string_view text, size_t min_run, std::vector<std::string_view>* out) {
  out->clear();
  size_t start = 0;
  for (size_t i = text.find('\n'); i != std::string_view::npos;) {
    size_t run = i;
    while (run < text.size() && text[run] == '\n') ++run;
    if (run - i >= min_run) {
      out->push_back(text.substr(start, i - start));
      start = run;
    }
    i = text.find('\n', run);
  }
  out->push_back(text.substr(start));
}

// datatrove's find_duplicates: (repeated items, their characters); the
// first copy of each item is not a repeat.
std::pair<uint64_t, uint64_t> CountRepeats(const std::vector<std::string_view>& items,
                                           U64Table* seen, bool skip_blank) {
  seen->Reset(items.size());
  uint64_t repeats = 0, chars = 0;
  uint32_t index = 0;
  for (std::string_view item : items) {
    if (skip_blank && StripAsciiSpace(item).empty()) continue;
    if (!seen->FindOrInsert(Mix(XXH3_64bits(item.data(), item.size())), index++).second) {
      ++repeats;
      chars += CountCodePoints(item);
    }
  }
  return {repeats, chars};
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

// (c + 1) * kBase^k mod kMod for every byte c, k = 1, 2, 3.
struct ByteTerms {
  uint64_t times[4][256];
  ByteTerms() {
    for (int c = 0; c < 256; ++c) {
      uint64_t v = uint64_t(c) + 1;
      for (int k = 0; k < 4; ++k) {
        times[k][c] = v;
        v = MulMod(v, kBase);
      }
    }
  }
};
const ByteTerms kByteTerms;
const uint64_t kBase4 = MulMod(MulMod(kBase, kBase), MulMod(kBase, kBase));

// The polynomial hash of `bytes` (sum of (c + 1) * kBase^(remaining)), four
// bytes per step: h * kBase^4 + the four bytes' terms from a table, one
// multiplication per four bytes where the plain recurrence needs four.
// (The chain of multiplications per byte was the largest single cost of
// the signals.) Same value as the byte-at-a-time recurrence (tested).
// When `code_points` is given, adds the code points of `bytes` to it
// (bytes that are not UTF-8 continuation bytes), counted in the same pass.
uint64_t BytesHash(std::string_view bytes, uint64_t* code_points = nullptr) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  uint64_t h = 0;
  size_t i = 0;
  uint64_t continuation = 0;
  for (; i + 4 <= n; i += 4) {
    continuation += ((b[i] & 0xC0) == 0x80) + ((b[i + 1] & 0xC0) == 0x80) +
                    ((b[i + 2] & 0xC0) == 0x80) + ((b[i + 3] & 0xC0) == 0x80);
    // Each term < 2^61: the sum stays below 2^63.
    uint64_t v = kByteTerms.times[3][b[i]] + kByteTerms.times[2][b[i + 1]] +
                 kByteTerms.times[1][b[i + 2]] + kByteTerms.times[0][b[i + 3]];
    v = (v & kMod) + (v >> 61);
    h = AddMod(MulMod(h, kBase4), v >= kMod ? v - kMod : v);
  }
  for (; i < n; ++i) {
    continuation += (b[i] & 0xC0) == 0x80;
    h = AddMod(MulMod(h, kBase), b[i] + 1);
  }
  if (code_points != nullptr) *code_points += n - continuation;
  return h;
}

// The longest n-gram the passes hash, in words.
constexpr size_t kMaxNgram = 10;

void HashWords(const std::vector<std::string_view>& words, WordStream* out) {
  const size_t n = words.size();
  for (auto* v : {&out->tight, &out->tight_at, &out->chars_at}) v->resize(n + 1);
  out->word.resize(n);
  out->tight[0] = out->tight_at[0] = out->chars_at[0] = 0;
  size_t longest_word = 0;
  for (std::string_view w : words) longest_word = std::max(longest_word, w.size());
  out->GrowPowers(longest_word);
  uint64_t tight = 0, bytes = 0, chars = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view w = words[i];
    const uint64_t word = BytesHash(w, &chars);
    tight = AddMod(MulMod(tight, out->Power(w.size())), word);
    bytes += w.size();
    out->word[i] = word;
    out->tight[i + 1] = tight;
    out->tight_at[i + 1] = bytes;
    out->chars_at[i + 1] = chars;
  }
  // Tight(i, j) needs kBase to the power of its bytes.
  uint64_t longest_span = kMaxNgram;
  for (size_t i = 0; i + kMaxNgram <= n; ++i) {
    longest_span = std::max(longest_span, out->tight_at[i + kMaxNgram] - out->tight_at[i]);
  }
  if (n < kMaxNgram) longest_span = std::max(longest_span, bytes);
  out->GrowPowers(longest_span);
}

// Design: the nine n-gram passes (top 2-, 3-, 4-grams, repeated 5- to
// 10-grams) were most of the signals' cost. An n-gram that occurs once in
// the document can never be a repeat, and every n-gram that starts with it
// is unique too. So the top 3- and 4-gram passes look only at the
// positions whose (n-1)-gram the pass before found repeated (`repeated`),
// and the repeated 5..10-gram passes only at those whose 5-gram repeats
// (one counting pass): the others are decided without a table. On prose
// few positions stay, and those passes cost little.

// The most frequent n-gram's characters (words joined by spaces) times its
// count; on a tie the n-gram seen first, as Python's Counter.most_common.
// Looks at every position when `all_positions`, else at those the previous
// pass found repeated (see above); leaves this pass's in s.repeated.
uint64_t TopNgramChars(WordStream& w, size_t n, Scratch& s, bool all_positions) {
  s.previous.swap(s.repeated);
  s.repeated.clear();
  if (w.size() < n) return 0;
  const size_t grams = w.size() - n + 1;
  s.repeated.assign(grams, 0);
  s.ids.assign(grams, kNoId);
  s.counts.clear();
  s.lengths.clear();
  s.table.Reset(all_positions ? grams : grams / 4);
  for (size_t i = 0; i < grams; ++i) {
    if (!all_positions && !s.previous[i]) continue;  // a unique (n-1)-gram starts here
    auto [index, inserted] =
        s.table.FindOrInsert(w.SequenceKey(i, n), static_cast<uint32_t>(s.counts.size()));
    s.ids[i] = *index;
    if (inserted) {
      s.counts.push_back(1);
      s.lengths.push_back(static_cast<uint32_t>(w.Chars(i, i + n) + n - 1));
    } else {
      ++s.counts[*index];
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < s.counts.size(); ++i) {
    if (s.counts[i] > s.counts[best]) best = i;
  }
  for (size_t i = 0; i < grams; ++i) s.repeated[i] = s.ids[i] != kNoId && s.counts[s.ids[i]] > 1;
  // Every n-gram once: the first one is the most frequent.
  if (s.counts.empty() || s.counts[best] == 1) return w.Chars(0, n) + n - 1;
  return uint64_t(s.counts[best]) * s.lengths[best];
}

// Positions whose tight 5-gram (words joined without a space) occurs twice
// or more, into s.repeated: what the repeated n-gram passes look at.
void MarkRepeatedTight5(WordStream& w, Scratch& s) {
  constexpr size_t n = 5;
  s.repeated.clear();
  if (w.size() < n) return;
  const size_t grams = w.size() - n + 1;
  s.ids.resize(grams);
  s.counts.clear();
  s.table.Reset(grams);
  for (size_t i = 0; i < grams; ++i) {
    auto [index, inserted] =
        s.table.FindOrInsert(Mix(w.Tight(i, i + n)), static_cast<uint32_t>(s.counts.size()));
    if (inserted) s.counts.push_back(0);
    ++s.counts[*index];
    s.ids[i] = *index;
  }
  s.repeated.resize(grams);
  for (size_t i = 0; i < grams; ++i) s.repeated[i] = s.counts[s.ids[i]] > 1;
}

// datatrove's find_all_duplicate: characters of n-grams (words joined
// without a space) seen before, jumping past each repeat. Only positions
// whose 5-gram repeats (`repeated5`) are looked up: an n-gram starting
// anywhere else is unique, neither a repeat nor the first copy of one --
// exactly so for n = 5; for n = 6..10 as long as equal bytes are cut into
// the same words, so that datatrove would count an n-gram whose bytes
// recur with other word breaks inside its first five words ("abc d e f g
// h" / "a b c d e fgh") and saring does not. On the Common Crawl sample no
// value changed (bench/README.md).
uint64_t RepeatedNgramChars(WordStream& w, size_t n, const std::vector<uint8_t>& repeated5,
                            Scratch& s) {
  if (w.size() < n) return 0;
  s.table.Reset(w.size() / 4);
  uint64_t repeated = 0;
  size_t i = 0;
  while (i + n <= w.size()) {
    if (!repeated5[i]) {
      ++i;
    } else if (!s.table.FindOrInsert(Mix(w.Tight(i, i + n)), 0).second) {
      repeated += w.Chars(i, i + n);
      i += n;
    } else {
      ++i;
    }
  }
  return repeated;
}

// Non-overlapping occurrences, as Python's str.count.
uint64_t CountOccurrences(std::string_view text, std::string_view needle) {
  uint64_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

bool HasLetter(std::string_view word) {
  if (!word.empty() && static_cast<unsigned char>(word[0]) < 0x80) {
    const unsigned char c = static_cast<unsigned char>(word[0]) | 0x20;  // ASCII lower case
    if (c >= 'a' && c <= 'z') return true;  // most words: no decoding, no ICU
  }
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, c);
    if (c >= 0 && u_isalpha(c)) return true;
  }
  return false;
}

void GopherRepetition(std::string_view text, double chars, WordStream& words, Scratch& s,
                      QualitySignals* q) {
  SplitAtNewlineRuns(StripAsciiSpace(text), 2, &s.items);
  auto [paras, para_chars] = CountRepeats(s.items, &s.table, false);
  q->dup_para_frac = Ratio(double(paras), double(s.items.size()));
  q->dup_para_char_frac = Ratio(double(para_chars), chars);
  SplitAtNewlineRuns(text, 1, &s.items);
  auto [lines, line_chars] = CountRepeats(s.items, &s.table, false);
  q->dup_line_frac = Ratio(double(lines), double(s.items.size()));
  q->dup_line_char_frac = Ratio(double(line_chars), chars);
  for (size_t n = 2; n <= 4; ++n) {
    q->top_ngram_char_frac[n - 2] = Ratio(double(TopNgramChars(words, n, s, n == 2)), chars);
  }
  MarkRepeatedTight5(words, s);
  if (s.repeated.empty()) return;  // fewer than 5 words
  for (size_t n = 5; n <= 10; ++n) {
    q->dup_ngram_char_frac[n - 5] =
        Ratio(double(RepeatedNgramChars(words, n, s.repeated, s)), chars);
  }
}

void GopherQuality(const Document& doc, const SignalOptions& options, const WordStream& hashed,
                   Scratch& s, QualitySignals* q) {
  const std::string_view text = doc.text();
  const std::vector<std::string_view>& words = doc.Words();
  const double n = double(words.size());
  q->words = words.size();
  const uint64_t word_chars = hashed.Chars(0, words.size());
  uint64_t with_letter = 0;
  for (std::string_view w : words) with_letter += HasLetter(w);
  q->mean_word_length = Ratio(double(word_chars), n);
  q->alpha_words_frac = Ratio(double(with_letter), n);
  q->hash_word_ratio = Ratio(double(CountOccurrences(text, "#")), n);
  q->ellipsis_word_ratio =
      Ratio(double(CountOccurrences(text, "...") + CountOccurrences(text, "…")), n);
  uint64_t bullets = 0, ellipses = 0;
  for (std::string_view line : doc.Lines()) {
    std::string_view t = StripAsciiSpace(line);
    bullets += t.starts_with("•") || t.starts_with("-");
    ellipses += t.ends_with("...") || t.ends_with("…");
  }
  const double lines = double(doc.Lines().size());
  q->bullet_lines_frac = Ratio(double(bullets), lines);
  q->ellipsis_lines_frac = Ratio(double(ellipses), lines);
  std::vector<bool> seen(options.stop_words.size(), false);
  q->stop_words = q->distinct_stop_words = 0;
  // Whole words are looked up by the hash HashWords gave them, one probe
  // per word: comparing every word with every stop word was a tenth of the
  // signals' cost.
  if (!options.stop_words_as_suffixes) {
    U64Table& stops = s.table;
    stops.Reset(options.stop_words.size());
    for (size_t k = 0; k < options.stop_words.size(); ++k) {
      stops.Insert(Mix(BytesHash(options.stop_words[k])), static_cast<uint32_t>(k));
    }
    for (size_t i = 0; i < words.size(); ++i) {
      const uint32_t* k = stops.Find(Mix(hashed.word[i]));
      if (k == nullptr || words[i] != options.stop_words[*k]) continue;
      ++q->stop_words;
      if (!seen[*k]) ++q->distinct_stop_words;
      seen[*k] = true;
    }
    return;
  }
  for (std::string_view w : words) {
    for (size_t k = 0; k < options.stop_words.size(); ++k) {
      const std::string& stop = options.stop_words[k];
      if (w.size() <= stop.size() || !w.ends_with(stop)) continue;
      ++q->stop_words;
      if (!seen[k]) ++q->distinct_stop_words;
      seen[k] = true;
      break;  // a word is one stop word at most
    }
  }
}

void FineWebSignals(std::string_view text, double chars, uint64_t words,
                    const SignalOptions& options, Scratch& s, QualitySignals* q) {
  // text.split("\n"): a trailing newline makes a last, empty line.
  s.items.clear();
  size_t start = 0;
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', start)) {
    s.items.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  s.items.push_back(text.substr(start));
  // A line's last byte is looked up first: most lines end in none of the
  // marks' last bytes, and then no mark is compared.
  struct Marks {
    const std::vector<std::string>& list;
    std::bitset<256> last_bytes;
    explicit Marks(const std::vector<std::string>& l) : list(l) {
      for (const std::string& m : list) {
        if (!m.empty()) last_bytes.set(static_cast<unsigned char>(m.back()));
      }
    }
    bool EndOf(std::string_view line) const {
      if (line.empty() || !last_bytes.test(static_cast<unsigned char>(line.back()))) return false;
      for (const std::string& mark : list) {
        if (line.ends_with(mark)) return true;
      }
      return false;
    }
  };
  // The two built-in sets are stored for --from-signals whatever the
  // configured one is; their tables are made once.
  static const Marks fineweb(LineEndMarks("fineweb")), multiscript(LineEndMarks("multiscript"));
  const Marks configured(options.line_end_marks);
  uint64_t punct = 0, punct_fineweb = 0, punct_multiscript = 0, short_lines = 0;
  for (std::string_view line : s.items) {
    punct += configured.EndOf(line);
    punct_fineweb += fineweb.EndOf(line);
    punct_multiscript += multiscript.EndOf(line);
    short_lines += CountCodePoints(line) <= options.short_line_chars;
  }
  const double lines = double(s.items.size());
  const double newlines = lines - 1;
  q->line_punct_frac = Ratio(double(punct), lines);
  q->line_punct_frac_fineweb = Ratio(double(punct_fineweb), lines);
  q->line_punct_frac_multiscript = Ratio(double(punct_multiscript), lines);
  q->short_line_frac = Ratio(double(short_lines), lines);
  q->dup_line_chars_frac =
      Ratio(double(CountRepeats(s.items, &s.table, true).second), chars - newlines);
  q->newlines_per_word = Ratio(newlines, double(words));
}

}  // namespace

const std::vector<std::string>& GopherStopWords() {
  static const std::vector<std::string> words = {"the", "be",   "to",   "of",
                                                 "and", "that", "have", "with"};
  return words;
}

void ComputeSignals(const Document& doc, const SignalOptions& options, QualitySignals* signals) {
  thread_local Scratch s;
  *signals = QualitySignals();
  const std::string_view text = doc.text();
  const double chars = double(doc.CharCount());
  HashWords(doc.Words(), &s.words);
  GopherRepetition(text, chars, s.words, s, signals);
  GopherQuality(doc, options, s.words, s, signals);
  FineWebSignals(text, chars, doc.Words().size(), options, s, signals);
}

}  // namespace saring
