#include "stages/pii_redaction.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include <re2/re2.h>

#include "config/param_reader.h"

namespace saring {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (IsAsciiDigit(c)) d.push_back(c);
  }
  return d;
}

int TwoDigits(std::string_view s, size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); }

bool ValidDayMonth(int day, int month) {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

bool CheckEmail(std::string_view) { return true; }
// Card lengths in use: 16 (Visa, Mastercard, Discover, JCB, UnionPay), 15
// (Amex, 34/37), 14 (Diners, 36/38). Other lengths that pass Luhn are far
// more often bar codes (EAN-13) or identifiers than cards.
bool CheckCard(std::string_view s) {
  std::string d = DigitsOf(s);
  bool length_ok = d.size() == 16 ||
                   (d.size() == 15 && (d[0] == '3' && (d[1] == '4' || d[1] == '7'))) ||
                   (d.size() == 14 && d[0] == '3' && (d[1] == '6' || d[1] == '8'));
  if (!length_ok || !PassesLuhn(d)) return false;
  // "2015 2016 2017 2018": a list of years, not a card.
  bool all_years = d.size() == 16;
  for (size_t i = 0; all_years && i < 16; i += 4) {
    int year = std::stoi(d.substr(i, 4));
    all_years = year >= 1900 && year <= 2099;
  }
  return !all_years;
}
bool CheckMyKad(std::string_view s) {  // YYMMDD-PB-NNNN
  return ValidDayMonth(TwoDigits(s, 4), TwoDigits(s, 2));
}
bool CheckSsn(std::string_view s) {  // AAA-GG-SSSS
  std::string_view area = s.substr(0, 3);
  return area != "000" && area != "666" && area[0] != '9' && s.substr(4, 2) != "00" &&
         s.substr(7, 4) != "0000";
}
bool CheckPhone(std::string_view s) {
  size_t n = DigitsOf(s).size();
  return n >= 8 && n <= 15;
}
bool CheckIpv4(std::string_view) { return true; }
bool CheckIpv6(std::string_view s) {
  std::string a(s);
  unsigned char buf[16];
  size_t colons = std::count(a.begin(), a.end(), ':');
  size_t hex = std::count_if(a.begin(), a.end(),
                             [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  // "12:30:45" is a time, "a::b" is too little to be an address anyone wrote.
  return (a.find("::") != std::string::npos || colons == 7) && hex >= 4 &&
         inet_pton(AF_INET6, a.c_str(), buf) == 1;
}

struct Candidate {
  PiiKind kind;
  const char* pattern;
  bool (*check)(std::string_view);
  const char* first;  // the bytes the pattern can start with: a cheap test before RE2
};

constexpr char kDigits[] = "0123456789";
constexpr char kAlnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// In priority order: at one position, the first candidate whose pattern
// and check both pass wins.
const Candidate kCandidates[] = {
    {PiiKind::kEmail,
     R"([A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})",
     &CheckEmail, kAlnum},
    {PiiKind::kCard, R"([2-6]\d{3}(?:[ \-]?\d){9,15})", &CheckCard, "23456"},
    {PiiKind::kNationalId, R"(\d{17}[\dXx])", &IsValidChineseId, kDigits},
    {PiiKind::kNationalId, R"(\d{16})", &IsPlausibleNik, kDigits},
    {PiiKind::kNationalId, R"(\d{6}-\d{2}-\d{4})", &CheckMyKad, kDigits},
    {PiiKind::kNationalId, R"(\d{3}-\d{2}-\d{4})", &CheckSsn, kDigits},
    {PiiKind::kPhone, R"(\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,6})", &CheckPhone, "+"},
    {PiiKind::kPhone, R"(08\d{1,2}[ .\-]?\d{3,4}[ .\-]?\d{3,5})", &CheckPhone, "0"},
    {PiiKind::kPhone, R"(\(0\d{1,4}\)[ .\-]?\d{3,4}[ .\-]?\d{3,4})", &CheckPhone, "("},
    {PiiKind::kPhone, R"(0\d{1,4}[ .\-]\d{3,4}[ .\-]\d{3,4})", &CheckPhone, "0"},
    {PiiKind::kPhone, R"(\(?[2-9]\d{2}\)?[ .\-]\d{3}[ .\-]\d{4})", &CheckPhone, "(23456789"},
    {PiiKind::kIp,
     R"((?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))",
     &CheckIpv4, kDigits},
    {PiiKind::kIp, R"([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})", &CheckIpv6,
     "0123456789ABCDEFabcdef:"},
};
constexpr size_t kCandidateCount = sizeof(kCandidates) / sizeof(kCandidates[0]);

const char* const kKindNames[kPiiKinds] = {"email", "phone", "ip", "card", "national_id"};

// A candidate that is one piece of a longer number or identifier is not
// personal data: "10.1.1.119.5098" (a DOI), ".../pages/p/1234567890123456"
// (a URL), "997 998 999 1000" (a list of numbers).
bool PartOfSomethingLonger(std::string_view text, size_t start, size_t end) {
  auto digit_at = [&](size_t i) { return i < text.size() && IsAsciiDigit(text[i]); };
  if (start > 0) {
    char before = text[start - 1];
    if (IsAsciiAlnum(before) || before == '/' || before == '=' || before == '_') return true;
    if ((before == '.' || before == '-' || before == ' ' || before == ',') && start >= 2 &&
        digit_at(start - 2)) {
      return true;
    }
  }
  if (end < text.size()) {
    char after = text[end];
    if (IsAsciiAlnum(after) || after == '/' || after == '_') return true;
    if ((after == '.' || after == '-' || after == ' ' || after == ',') && digit_at(end + 1))
      return true;
  }
  return false;
}

}  // namespace

// One RE2 finds where any candidate may start (a single DFA pass over text
// without PII); the per-candidate patterns, anchored there, then say which
// kind it is and where it ends.
class PiiPatterns {
 public:
  PiiPatterns() {
    std::string any;
    for (const Candidate& c : kCandidates) {
      any += (any.empty() ? "(?:" : "|(?:") + std::string(c.pattern) + ")";
      candidates_.push_back(std::make_unique<RE2>(c.pattern));
    }
    any_ = std::make_unique<RE2>(any);
  }
  const RE2& any() const { return *any_; }
  const RE2& candidate(size_t i) const { return *candidates_[i]; }

 private:
  std::unique_ptr<RE2> any_;
  std::vector<std::unique_ptr<RE2>> candidates_;
};

std::shared_ptr<const PiiPatterns> CompiledPiiPatterns() {
  static const std::shared_ptr<const PiiPatterns> patterns = std::make_shared<PiiPatterns>();
  return patterns;
}

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i > 0; --i) {
    int d = digits[i - 1] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// NIK: PP KK CC DDMMYY NNNN. Province codes of Indonesia's provinces
// (11-19 Sumatra, 31-36 Java, 51-53, 61-65 Kalimantan, 71-76 Sulawesi,
// 81-82 Maluku, 91-97 Papua); women's birth day is stored + 40.
bool IsPlausibleNik(std::string_view d) {
  if (d.size() != 16) return false;
  int province = TwoDigits(d, 0);
  int tens = province / 10, units = province % 10;
  bool province_ok =
      (tens == 1 && units >= 1) || (tens == 3 && units >= 1 && units <= 6) ||
      (tens == 5 && units >= 1 && units <= 3) || (tens == 6 && units >= 1 && units <= 5) ||
      (tens == 7 && units >= 1 && units <= 6) || (tens == 8 && units >= 1 && units <= 2) ||
      (tens == 9 && units >= 1 && units <= 7);
  int day = TwoDigits(d, 6);
  if (day > 40) day -= 40;
  return province_ok && ValidDayMonth(day, TwoDigits(d, 8)) && d.substr(12, 4) != "0000";
}

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
bool IsValidChineseId(std::string_view id) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  if (id.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  char check = id[17] == 'x' ? 'X' : id[17];
  return kCheck[sum % 11] == check && ValidDayMonth(TwoDigits(id, 12), TwoDigits(id, 10));
}

size_t RedactPii(const PiiPatterns& patterns, const PiiOptions& options, std::string_view text,
                 std::string* out, std::array<size_t, kPiiKinds>* counts) {
  out->clear();
  size_t redacted = 0, pos = 0, copied = 0;
  const size_t n = text.size();
  re2::StringPiece input(text.data(), n), m;
  // No kind is accepted where the character before is an ASCII letter or
  // digit (see PartOfSomethingLonger and the e-mail rule), so the search
  // resumes only at such boundaries: in a list of numbers ("101 102 103 ...")
  // restarting one byte on made a failed candidate per byte.
  auto next_boundary = [&](size_t p) {
    while (p < n && IsAsciiAlnum(text[p - 1])) ++p;
    return p;
  };
  while (pos < n && patterns.any().Match(input, pos, n, RE2::UNANCHORED, &m, 1)) {
    size_t start = static_cast<size_t>(m.data() - text.data());
    if (start > 0 && IsAsciiAlnum(text[start - 1])) {
      pos = next_boundary(start + 1);
      continue;
    }
    size_t end = 0;
    size_t kind = kPiiKinds;
    for (size_t i = 0; i < kCandidateCount && kind == kPiiKinds; ++i) {
      const Candidate& c = kCandidates[i];
      if (!options.enabled[static_cast<size_t>(c.kind)]) continue;
      if (std::strchr(c.first, text[start]) == nullptr || text[start] == '\0') continue;
      re2::StringPiece cm;
      if (!patterns.candidate(i).Match(input, start, n, RE2::ANCHOR_START, &cm, 1)) continue;
      size_t e = start + cm.size();
      if (c.kind == PiiKind::kEmail ? (start > 0 && IsAsciiAlnum(text[start - 1]))
                                    : PartOfSomethingLonger(text, start, e)) {
        continue;
      }
      if (!c.check(std::string_view(cm.data(), cm.size()))) continue;
      kind = static_cast<size_t>(c.kind);
      end = e;
    }
    if (kind == kPiiKinds) {
      pos = next_boundary(start + 1);
      continue;
    }
    out->append(text.substr(copied, start - copied));
    out->append(options.tokens[kind]);
    copied = pos = end;
    ++redacted;
    if (counts) ++(*counts)[kind];
  }
  if (redacted > 0) out->append(text.substr(copied));
  return redacted;
}

PiiRedaction::PiiRedaction(const PiiOptions& options)
    : options_(options), patterns_(CompiledPiiPatterns()) {}

void PiiRedaction::Process(Document& doc) {
  std::array<size_t, kPiiKinds> counts{};
  size_t n = RedactPii(*patterns_, options_, doc.text(), &out_, &counts);
  if (n == 0) return;
  doc.SetText(out_);
  doc.Annotate("pii_redacted", static_cast<double>(n));
  Count("docs_redacted", 1);
  for (size_t k = 0; k < kPiiKinds; ++k) Count(kKindNames[k], counts[k]);
}

Status CreatePiiRedaction(const YAML::Node& params, std::unique_ptr<Stage>* stage) {
  PiiOptions o;
  ParamReader p("stage 'pii'", params);
  const std::vector<std::string> known(std::begin(kKindNames), std::end(kKindNames));
  std::vector<std::string> kinds = known;
  p.Get("kinds", &kinds);
  for (size_t k = 0; k < kPiiKinds; ++k) p.Get(std::string(kKindNames[k]) + "_token", &o.tokens[k]);
  Status s = p.Finish();
  if (!s.ok()) return s;
  o.enabled.fill(false);
  for (const std::string& kind : kinds) {
    auto it = std::find(known.begin(), known.end(), kind);
    if (it == known.end()) {
      return Status::InvalidArgument("stage 'pii': unknown kind '" + kind + "'" +
                                     DidYouMean(kind, known));
    }
    o.enabled[static_cast<size_t>(it - known.begin())] = true;
  }
  *stage = std::make_unique<PiiRedaction>(o);
  return Status::OK();
}

}  // namespace saring
