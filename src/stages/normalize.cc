#include "stages/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <cstdio>

#include "config/param_reader.h"

namespace saring {
namespace {

// What one input code point turns into.
enum class Class { kKeep, kSpace, kNewline, kDrop };

// Classifies the code point at s[i] (valid UTF-8) and sets *len to its
// length in bytes. Only a handful of code points are special; everything
// else is kKeep.
Class Classify(std::string_view s, size_t i, size_t* len) {
  auto b = [&](size_t k) -> unsigned char { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    *len = 1;
    if (c == ' ' || c == '\t') return Class::kSpace;
    if (c == '\n' || c == '\r') return Class::kNewline;
    if (c < 0x20 || c == 0x7F) return Class::kDrop;
    return Class::kKeep;
  }
  if (c < 0xE0) {
    *len = 2;
    if (c == 0xC2) {
      unsigned char d = b(1);
      if (d == 0xA0) return Class::kSpace;            // NO-BREAK SPACE
      if (d == 0x85) return Class::kNewline;          // NEXT LINE
      if (d >= 0x80 && d <= 0x9F) return Class::kDrop;  // C1 controls
    }
    return Class::kKeep;
  }
  if (c < 0xF0) {
    *len = 3;
    unsigned char d = b(1), e = b(2);
    if (c == 0xE2 && d == 0x80) {
      if (e <= 0x8A || e == 0xAF) return Class::kSpace;  // U+2000..U+200A, U+202F
      if (e == 0x8B) return Class::kDrop;                 // ZERO WIDTH SPACE
      if (e == 0xA8 || e == 0xA9) return Class::kNewline; // LINE/PARAGRAPH SEPARATOR
    }
    if (c == 0xE2 && d == 0x81 && e == 0x9F) return Class::kSpace;  // U+205F
    if (c == 0xE2 && d == 0x81 && e == 0xA0) return Class::kDrop;   // WORD JOINER
    if (c == 0xE1 && d == 0x9A && e == 0x80) return Class::kSpace;  // OGHAM SPACE MARK
    if (c == 0xE3 && d == 0x80 && e == 0x80) return Class::kSpace;  // IDEOGRAPHIC SPACE
    if (c == 0xEF && d == 0xBB && e == 0xBF) return Class::kDrop;   // BOM / ZWNBSP
    return Class::kKeep;
  }
  *len = 4;
  return Class::kKeep;
}

// Builds the output line by line: a space is held back until the next
// visible character (which trims line ends and collapses runs), newlines
// until the next visible line (which trims blank lines at both ends and
// caps blank runs).
class SpacingWriter {
 public:
  SpacingWriter(int max_blank_lines, std::string* out)
      : max_newlines_(max_blank_lines + 1), out_(out) {}

  void Visible(std::string_view bytes) {
    if (pending_newlines_ > 0) {
      if (!out_->empty()) out_->append(static_cast<size_t>(std::min(pending_newlines_, max_newlines_)), '\n');
      pending_newlines_ = 0;
      pending_space_ = false;
    }
    if (pending_space_) {
      if (!out_->empty() && out_->back() != '\n') out_->push_back(' ');
      pending_space_ = false;
    }
    out_->append(bytes);
  }
  void Space() { pending_space_ = true; }
  void Newline() {
    ++pending_newlines_;
    pending_space_ = false;
  }

 private:
  int max_newlines_;
  std::string* out_;
  bool pending_space_ = false;
  int pending_newlines_ = 0;
};

// Fast path: true if `s` may change under NormalizeSpacing with default
// whitespace handling. Most crawled text is already clean, and this byte
// loop is several times cheaper than rebuilding the text code point by code
// point, so the rebuild runs only when something will change.
bool MayNeedSpacingWork(std::string_view s, const NormalizeOptions& o) {
  if (s.empty()) return false;
  auto at = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  if (at(0) == ' ' || at(0) == '\n' || s.back() == ' ' || s.back() == '\n') return true;
  int newlines = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = at(i);
    if (c > 0x20 && c < 0x7F) {
      newlines = 0;
      continue;
    }
    if (c == ' ') {
      // Doubled, at a line start or before a line end.
      if (at(i + 1) == ' ' || at(i + 1) == '\n' || at(i - 1) == '\n') return true;
      newlines = 0;
      continue;
    }
    if (c == '\n') {
      if (++newlines > o.max_blank_lines + 1) return true;
      continue;
    }
    if (c < 0x80) return true;  // other controls, CR, tab, DEL
    newlines = 0;
    // Only these lead bytes start a code point that normalization changes.
    if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF) {
      size_t len = 1;
      if (Classify(s, i, &len) != Class::kKeep) return true;
      i += len - 1;
    }
  }
  return false;
}

}  // namespace

bool NormalizeSpacing(std::string_view in, const NormalizeOptions& o, std::string* out) {
  out->clear();
  bool defaults = o.newlines && o.whitespace && o.strip_control;
  if (defaults && !MayNeedSpacingWork(in, o)) return false;
  out->reserve(in.size());
  SpacingWriter w(o.max_blank_lines, out);
  size_t i = 0;
  while (i < in.size()) {
    size_t len = 1;
    Class cls = Classify(in, i, &len);
    std::string_view cp = in.substr(i, len);
    if (cls == Class::kNewline && in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
      len = 2;  // CRLF is one newline
    }
    i += len;
    switch (cls) {
      case Class::kKeep: w.Visible(cp); break;
      case Class::kSpace:
        if (o.whitespace) w.Space();
        else w.Visible(cp);
        break;
      case Class::kNewline:
        if (o.newlines || cp == "\n") w.Newline();
        else w.Visible(in.substr(i - len, len));
        break;
      case Class::kDrop:
        if (!o.strip_control) w.Visible(cp);
        break;
    }
  }
  return *out != in;
}

bool NormalizeNfc(std::string_view in, std::string* out) {
  // Fast path: every code point below U+0300 (lead bytes below 0xCC) is
  // NFC and never composes with what precedes it, which covers ASCII and
  // most Latin, Greek and Cyrillic text.
  bool may_change = false;
  for (char c : in) {
    if (static_cast<unsigned char>(c) >= 0xCC) {
      may_change = true;
      break;
    }
  }
  if (!may_change) return false;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return false;
  icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (nfc->isNormalizedUTF8(piece, err) || U_FAILURE(err)) return false;
  out->clear();
  icu::StringByteSink<std::string> sink(out, static_cast<int32_t>(in.size()));
  err = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, err);
  return U_SUCCESS(err) && *out != in;
}

bool NormalizeStage::RemoveForInvalidUtf8(Document& doc) {
  size_t replaced = doc.invalid_utf8_replaced();
  if (replaced == 0) return false;
  doc.Annotate("invalid_utf8_replaced", static_cast<double>(replaced));
  if (options_.invalid_utf8 == "remove") {
    doc.Remove("normalize", "invalid_utf8",
               "normalize: invalid_utf8 " + std::to_string(replaced) + " sequences > 0");
    return true;
  }
  double fraction = static_cast<double>(replaced) / static_cast<double>(std::max<size_t>(1, doc.CharCount()));
  if (fraction <= options_.max_invalid_utf8_fraction) return false;
  char buf[160];
  std::snprintf(buf, sizeof buf, "normalize: invalid_utf8_fraction %.3f > %g", fraction,
                options_.max_invalid_utf8_fraction);
  doc.Remove("normalize", "invalid_utf8_fraction", buf);
  return true;
}

void NormalizeStage::Process(Document& doc) {
  if (RemoveForInvalidUtf8(doc)) return;
  if (options_.newlines || options_.whitespace || options_.strip_control) {
    if (NormalizeSpacing(doc.text(), options_, &scratch_)) doc.SetText(scratch_);
  }
  if (options_.nfc && NormalizeNfc(doc.text(), &scratch_)) doc.SetText(scratch_);
}

Status CreateNormalizeStage(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  NormalizeOptions o;
  ParamReader p("stage 'normalize'", params);
  p.Get("newlines", &o.newlines);
  p.Get("whitespace", &o.whitespace);
  p.Get("max_blank_lines", &o.max_blank_lines);
  p.Get("strip_control", &o.strip_control);
  p.Get("nfc", &o.nfc);
  p.GetChoice("invalid_utf8", {"replace", "remove"}, &o.invalid_utf8);
  p.Get("max_invalid_utf8_fraction", &o.max_invalid_utf8_fraction);
  Status s = p.Finish();
  if (!s.ok()) return s;
  if (o.max_blank_lines < 0) {
    return Status::InvalidArgument("stage 'normalize': max_blank_lines must be >= 0");
  }
  *stage = std::make_unique<NormalizeStage>(o);
  return Status::OK();
}

}  // namespace saring
