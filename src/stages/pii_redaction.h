// PiiRedaction ("pii"): replaces personal data in the text with tokens.
//
//   - pii: {kinds: [email, phone, ip, card, national_id],
//           email_token: "<EMAIL>", phone_token: "<PHONE>", ip_token: "<IP_ADDRESS>",
//           card_token: "<CARD_NUMBER>", national_id_token: "<NATIONAL_ID>"}
//
// What is found (RE2 patterns, then a check in code where a pattern alone
// would match too much):
//   email        local@domain.tld
//   phone        international "+CC ..." (7-15 digits, E.164), Indonesian
//                mobile "+62 8xx ..." / "08xx-xxxx-xxxx", and national numbers
//                written with separators ("(021) 555-1234", "555-123-4567")
//   ip           IPv4 dotted quads; IPv6 (validated with inet_pton)
//   card         14-16 digits (by card network), optionally grouped by
//                spaces or dashes, that pass the Luhn check; not a list of years
//   national_id  Indonesian NIK (16 digits: a province code, a birth date,
//                day + 40 for women), Chinese resident ID (18, ISO 7064
//                check digit), Malaysian MyKad (YYMMDD-PB-NNNN), US SSN
//                (AAA-GG-SSSS, the invalid ranges excluded)
// A digit run is redacted as the first kind whose check it passes, in the
// order card, national_id, phone; never when it is one piece of a longer
// number, list of numbers, URL or identifier.
//
// Signals (only when something was redacted): pii_redacted. Counters in
// stats.json "repairs": one per kind, and docs_redacted.
//
// Thread-safety: see Stage. The compiled patterns are shared, immutable.

#ifndef SARING_STAGES_PII_REDACTION_H_
#define SARING_STAGES_PII_REDACTION_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "saring/stage.h"
#include "saring/status.h"

namespace saring {

enum class PiiKind { kEmail = 0, kPhone, kIp, kCard, kNationalId };
constexpr size_t kPiiKinds = 5;

struct PiiOptions {
  std::array<bool, kPiiKinds> enabled = {true, true, true, true, true};
  std::array<std::string, kPiiKinds> tokens = {"<EMAIL>", "<PHONE>", "<IP_ADDRESS>", "<CARD_NUMBER>",
                                               "<NATIONAL_ID>"};
};

class PiiPatterns;

// Redacts `text` into *out; returns the number of redactions and adds them
// per kind to counts (may be null). Exposed for tests and benchmarks.
size_t RedactPii(const PiiPatterns& patterns, const PiiOptions& options, std::string_view text,
                 std::string* out, std::array<size_t, kPiiKinds>* counts);
std::shared_ptr<const PiiPatterns> CompiledPiiPatterns();

class PiiRedaction : public Stage {
 public:
  explicit PiiRedaction(const PiiOptions& options);
  std::string_view name() const override { return "pii"; }
  void Process(Document& doc) override;

 private:
  PiiOptions options_;
  std::shared_ptr<const PiiPatterns> patterns_;
  std::string out_;
};

Status CreatePiiRedaction(const YAML::Node& params, std::unique_ptr<Stage>* stage);

// Helpers, exposed for tests.
bool PassesLuhn(std::string_view digits);
bool IsPlausibleNik(std::string_view digits);
bool IsValidChineseId(std::string_view id);

}  // namespace saring

#endif  // SARING_STAGES_PII_REDACTION_H_
