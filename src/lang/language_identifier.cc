#include "lang/language_identifier.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "lang/confusable_sets.h"
#include "text/utf8.h"

namespace saring {
namespace {

namespace fs = std::filesystem;

constexpr size_t kCandidates = 3;
// See Combine.
constexpr float kFastTextSure = 0.9f;
constexpr float kUnreliableCld2Weight = 0.75f;
constexpr float kUnknownToFastTextBonus = 0.5f;
// Markers (confusable_sets.h) settled the language among close relatives:
// the backends had it near the top, so the text is in that family.
constexpr float kMarkerSettledScore = 0.5f;
constexpr const char* kFastTextStands = "combined: fasttext";
// CLD2 votes on at most this much of the sample: it costs more per byte than
// the fastText reader, and 1 KB (some 150 words of English) is more than it
// needs to name a language (it is accurate on single sentences). Measured:
// the documents' macro accuracy in `saring lid eval` was 0.9928 with 2 KB
// and 0.9931 with 1 KB.
constexpr size_t kCld2VoteBytes = 1024;

// The first `bytes` of `text`, cut at a character boundary.
std::string_view Prefix(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

// See LineLanguageOf.
constexpr float kLineSure = 0.5f;

// Calls fn(begin, end) for each line of `text` (split at '\n').
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    fn(begin, end);
    begin = end + 1;
  }
}

// One model object per file for the whole process: every worker thread's
// stage shares it (a GlotLID model is over 1 GB).
Status LoadSharedModel(const std::string& path, std::shared_ptr<const FastTextModel>* model) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const FastTextModel>> loaded;
  std::lock_guard<std::mutex> lock(mu);
  if (auto existing = loaded[path].lock()) {
    *model = existing;
    return Status::OK();
  }
  std::unique_ptr<FastTextModel> fresh;
  Status s = FastTextModel::Load(path, &fresh);
  if (!s.ok()) return s;
  std::shared_ptr<const FastTextModel> shared(std::move(fresh));
  loaded[path] = shared;
  *model = shared;
  return Status::OK();
}

Status ParseBackend(const std::string& name, bool have_model, LidBackend* backend) {
  if (name == "auto") {
    *backend = have_model ? LidBackend::kCombined : LidBackend::kCld2;
  } else if (name == "cld2") {
    *backend = LidBackend::kCld2;
  } else if (name == "fasttext") {
    *backend = LidBackend::kFastText;
  } else if (name == "combined") {
    *backend = LidBackend::kCombined;
  } else {
    return Status::InvalidArgument("language backend '" + name +
                                   "' is unknown (auto, cld2, fasttext, combined)");
  }
  return Status::OK();
}

}  // namespace

std::string FindLidModel(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  if (const char* env = std::getenv("SARING_LID_MODEL"); env != nullptr && *env != '\0') {
    return env;
  }
  std::vector<fs::path> candidates = {fs::path("models") / "lid.176.ftz"};
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "models" / "lid.176.ftz");
  for (const fs::path& p : candidates) {
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

Status LanguageIdentifier::Create(const LanguageIdOptions& options,
                                  std::unique_ptr<LanguageIdentifier>* identifier) {
  std::unique_ptr<LanguageIdentifier> lid(new LanguageIdentifier());
  lid->sample_bytes_ = std::max<size_t>(options.sample_bytes, 64);
  const bool wants_model = options.backend != "cld2";
  if (wants_model) lid->model_path_ = FindLidModel(options.model);
  Status s = ParseBackend(options.backend, !lid->model_path_.empty(), &lid->backend_);
  if (!s.ok()) return s;
  if (lid->backend_ != LidBackend::kCld2) {
    if (lid->model_path_.empty()) {
      return Status::InvalidArgument(
          "language backend '" + options.backend +
          "' needs a fastText model: set `model:`, $SARING_LID_MODEL, or run scripts/fetch-models");
    }
    s = LoadSharedModel(lid->model_path_, &lid->model_);
    if (!s.ok()) return s;
    bool wikipedia_codes = true;  // lid.176's labels; GlotLID/OpenLID's carry "_Scrp"
    for (int i = 0; i < lid->model_->label_count(); ++i) {
      if (lid->model_->label(i).find('_') != std::string::npos) wikipedia_codes = false;
    }
    for (int i = 0; i < lid->model_->label_count(); ++i) {
      lid->fasttext_tags_.push_back(CanonicalFastTextLabel(lid->model_->label(i), wikipedia_codes));
      lid->fasttext_languages_.push_back(lid->fasttext_tags_.back().language);
    }
    std::sort(lid->fasttext_languages_.begin(), lid->fasttext_languages_.end());
  }
  *identifier = std::move(lid);
  return Status::OK();
}

std::string_view LanguageIdentifier::Sample(std::string_view text) const {
  if (text.size() <= sample_bytes_) return text;
  std::string_view head = text.substr(0, sample_bytes_);
  size_t line_end = head.rfind('\n');
  if (line_end != std::string_view::npos && line_end > 0) return head.substr(0, line_end);
  return Prefix(text, sample_bytes_);
}

LanguageGuess LanguageIdentifier::IdentifyWith(LidBackend backend, std::string_view text) const {
  std::string_view sample = Sample(text);
  if (backend == LidBackend::kCld2) return FromCld2(sample);
  if (!model_) return LanguageGuess();
  thread_local std::vector<LabelScore> top;
  model_->Predict(sample, kCandidates, &top);
  LanguageGuess ft = FastTextGuess(top);
  return backend == LidBackend::kFastText ? ft : Combine(sample, std::move(ft));
}

LanguageGuess LanguageIdentifier::IdentifyLines(std::string_view text, size_t min_line_chars,
                                                std::vector<LineLanguage>* lines) const {
  std::string_view sample = Sample(text);
  lines->clear();
  if (!model_) {
    LanguageGuess g = FromCld2(sample);
    ForEachLine(sample, [&](size_t begin, size_t end) {
      std::string_view line = sample.substr(begin, end - begin);
      LineLanguage l{begin, end, ""};
      if (CountCodePoints(line) >= min_line_chars) l.language = FromCld2(line).tag.language;
      lines->push_back(std::move(l));
    });
    return g;
  }
  thread_local std::vector<LabelScore> top;
  thread_local std::vector<LineLabel> line_labels;
  // A line of fewer bytes than min_line_chars has fewer characters too.
  model_->PredictWithLines(sample, kCandidates, &top, &line_labels, min_line_chars);
  LanguageGuess ft = FastTextGuess(top);
  LanguageGuess g = backend_ == LidBackend::kFastText ? ft : Combine(sample, ft);
  for (const LineLabel& l : line_labels) {
    std::string_view line = sample.substr(l.begin, l.end - l.begin);
    LineLanguage out{l.begin, l.end, ""};
    if (l.best.label >= 0 && CountCodePoints(line) >= min_line_chars) {
      out.language = LineLanguageOf(FastTextTag(l.best.label).language, l.best.prob, g);
    }
    lines->push_back(std::move(out));
  }
  return g;
}

// A line's language from fastText alone (the line's lookups come free with
// the document's), read in the light of the document's decision: a line
// fastText is unsure of (< 0.5), or places in the document language's
// confusable set (a Malay page's lines that fastText calls Indonesian),
// counts as the document's language.
std::string LanguageIdentifier::LineLanguageOf(const std::string& line_language, float prob,
                                               const LanguageGuess& document) {
  if (!document.tag.known()) return line_language;
  if (prob < kLineSure || SameConfusableSet(line_language, document.tag.language)) {
    return document.tag.language;
  }
  return line_language;
}

LanguageGuess LanguageIdentifier::FastTextGuess(const std::vector<LabelScore>& top) const {
  LanguageGuess g;
  g.decided_by = "fasttext";
  for (const LabelScore& l : top) {
    g.candidates.push_back(LanguageScore{FastTextTag(l.label), l.prob});
  }
  if (!g.candidates.empty()) {
    g.tag = g.candidates[0].tag;
    g.score = g.candidates[0].score;
  }
  return g;
}

// CLD2's score is the top language's share of the text, halved when CLD2
// itself calls the result unreliable, so that one threshold table serves
// both backends.
LanguageGuess LanguageIdentifier::FromCld2(std::string_view sample) const {
  Cld2Result r = Cld2Detect(sample);
  LanguageGuess g;
  g.decided_by = "cld2";
  g.candidates = r.languages;
  if (!r.languages.empty()) {
    g.tag = r.languages[0].tag;
    g.score = r.languages[0].score * (r.reliable ? 1.0f : 0.5f);
  }
  return g;
}

// The combined decision, measured with `saring lid eval` on the Leipzig
// sentences (74 languages; thresholds and markers chosen on the
// even-numbered lines, `--split dev`, and checked on the odd ones, `--split
// test`):
//
// 1. fastText first. When its top language has probability >= 0.9 and is
//    not in a set it is known to confuse (Indonesian/Malay,
//    Croatian/Serbian/Bosnian/Serbo-Croatian, Bokmal/Nynorsk/Danish,
//    Czech/Slovak), that is the answer: CLD2 is not run, which keeps the
//    common case at fastText's speed.
//    (CLD2 reads at most the first 1 KB of the sample; see kCld2VoteBytes.)
// 2. Otherwise both vote: each language gets fastText's probability plus
//    CLD2's share of the text (weighted 0.75 when CLD2 calls itself
//    unreliable). A language fastText's model does not have (lid.176 lacks
//    Luganda, Sesotho, Tswana, Xhosa, Zulu, ...) cannot get fastText's vote,
//    so CLD2's share counts half again for it. CLD2's unreliable "English"
//    gets no vote: it is CLD2's default for text it knows nothing about
//    ("Es una festa purament religiosa." -> en), and counting it turned 40
//    Spanish and 20 French sentences English.
// 3. A winner whose Cyrillic alphabet lacks a letter of the text gives way
//    to the next candidate (Macedonian "ѓ" is not Serbian: RuleOutByLetters).
// 4. When the winner belongs to a confusable set, marker words
//    (confusable_sets.h) may settle which member it is; members the markers
//    tie are ranked by the vote.
// 5. Without markers, Malay needs fastText to agree (PreferMajority).
// The score reported is the stronger backend's support for the winner
// (at least 0.5 when markers or the Malay rule changed it).
LanguageGuess LanguageIdentifier::Combine(std::string_view sample, LanguageGuess ft) const {
  const std::string fasttext_top = ft.tag.language;
  LanguageGuess g = Vote(sample, std::move(ft));
  // fastText's sure answers outside the confusable sets stand (Vote kept
  // them): letters need checking only when the backends voted.
  if (g.decided_by != kFastTextStands) RuleOutByLetters(sample, &g);
  std::string settled;
  std::string why = "markers";
  std::vector<std::string> preference;
  for (const LanguageScore& c : g.candidates) preference.push_back(c.tag.language);
  if (!g.tag.known() || !SettleConfusable(sample, g.tag.language, &settled, preference)) {
    settled = PreferMajority(g, fasttext_top);
    why = "Malay needs fastText";
  }
  if (settled != g.tag.language) {
    g.decided_by += "; " + why + ": " + settled + " over " + g.tag.language;
    g.tag = LanguageTag{settled, g.tag.script};
    float support = 0;  // the backends' support for the settled language, if any
    for (const LanguageScore& c : g.candidates) {
      if (c.tag.language == settled) support = std::max(support, c.score);
    }
    g.score = std::max(support, kMarkerSettledScore);
  }
  return g;
}

// A winner whose alphabet lacks a letter of the text (a Macedonian "ѓ" in a
// text the vote calls Serbian) gives way to the best candidate that does
// not.
void LanguageIdentifier::RuleOutByLetters(std::string_view sample, LanguageGuess* g) {
  if (!g->tag.known() || !LettersRuleOut(sample, g->tag.language)) return;
  for (const LanguageScore& c : g->candidates) {
    if (c.tag.language == g->tag.language || LettersRuleOut(sample, c.tag.language)) continue;
    g->decided_by += "; letters: " + c.tag.language + " over " + g->tag.language;
    g->tag = c.tag;
    g->score = c.score;
    return;
  }
}

LanguageGuess LanguageIdentifier::Vote(std::string_view sample, LanguageGuess ft) const {
  if (!ft.candidates.empty() && ft.score >= kFastTextSure && !IsConfusable(ft.tag.language)) {
    ft.decided_by = kFastTextStands;
    return ft;
  }
  Cld2Result cld2 = Cld2Detect(Prefix(sample, kCld2VoteBytes));
  const float cld2_weight = cld2.reliable ? 1.0f : kUnreliableCld2Weight;
  std::vector<LanguageScore> votes;
  auto vote = [&](const LanguageTag& tag, float v) {
    for (LanguageScore& s : votes) {
      if (s.tag.language == tag.language) {
        s.score += v;
        return;
      }
    }
    votes.push_back(LanguageScore{tag, v});
  };
  for (const LanguageScore& c : ft.candidates) vote(c.tag, c.score);
  for (const LanguageScore& c : cld2.languages) {
    if (!cld2.reliable && c.tag.language == "en") continue;  // see Combine, step 2
    vote(c.tag, cld2_weight * c.score);
    if (!FastTextKnows(c.tag.language)) vote(c.tag, kUnknownToFastTextBonus * c.score);
  }
  LanguageGuess g;
  if (votes.empty()) return g;
  std::stable_sort(votes.begin(), votes.end(), [](const LanguageScore& a, const LanguageScore& b) {
    return a.score > b.score;
  });
  g.tag = votes[0].tag;
  for (const LanguageScore& c : ft.candidates) {
    if (c.tag.language == g.tag.language) g.score = std::max(g.score, c.score);
  }
  for (const LanguageScore& c : cld2.languages) {
    if (c.tag.language == g.tag.language) {
      g.score = std::max(g.score, c.score * (cld2.reliable ? 1.0f : 0.5f));
    }
  }
  if (votes.size() > kCandidates) votes.resize(kCandidates);
  g.candidates = std::move(votes);
  g.decided_by = "combined: fasttext+cld2 vote";
  return g;
}

// Without markers, Malay needs fastText's agreement: CLD2 calls a tenth of
// the Indonesian test sentences Malay (the ones read were plain Indonesian
// prose), while fastText's lid.176 is known to call Malay Indonesian.
// Indonesian web text outnumbers Malay many times, so a disagreement goes to
// Indonesian. Measured cost: on a hand-labelled sample of ms.txt, 4 of 9
// Malay lines become Indonesian (see bench/README.md).
std::string LanguageIdentifier::PreferMajority(const LanguageGuess& g,
                                               const std::string& fasttext_top) {
  if (g.tag.language != "ms") return g.tag.language;
  return fasttext_top == "ms" ? "ms" : "id";
}

bool LanguageIdentifier::FastTextKnows(const std::string& language) const {
  return std::binary_search(fasttext_languages_.begin(), fasttext_languages_.end(), language);
}

bool LanguageIdentifier::IsConfusable(const std::string& language) {
  static const char* const kConfusable[] = {"bs", "cs", "da", "hr", "id", "ms",
                                            "nb", "nn", "sh", "sk", "sr"};
  for (const char* c : kConfusable) {
    if (language == c) return true;
  }
  return false;
}

}  // namespace saring
