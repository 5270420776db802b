// libFuzzer target: any bytes as a document's text, through UTF-8 repair
// and the shared views every stage reads (lines, paragraphs, words in every
// script, line keys), then the normalize stage. Checks: repaired text is
// valid UTF-8, every view lies inside the text, normalize keeps it valid.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "saring/config.h"
#include "saring/document.h"
#include "stages/stage_registry.h"
#include "text/utf8.h"

namespace {

void CheckInside(std::string_view part, std::string_view whole) {
  if (part.data() < whole.data() || part.data() + part.size() > whole.data() + whole.size()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text;
  saring::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  if (!saring::IsValidUtf8(text)) std::abort();
  saring::Document doc("fuzz", text);
  for (std::string_view line : doc.Lines()) CheckInside(line, doc.text());
  for (std::string_view paragraph : doc.Paragraphs()) CheckInside(paragraph, doc.text());
  for (std::string_view word : doc.Words()) CheckInside(word, doc.text());
  size_t chars = 0;
  for (size_t i = 0; i < doc.Lines().size(); ++i) (void)doc.LineKey(i, &chars);

  static const std::unique_ptr<saring::Stage> normalize = [] {
    std::unique_ptr<saring::Stage> stage;
    saring::StageConfig config{"normalize", YAML::Node(YAML::NodeType::Map)};
    if (!saring::CreateStage(config, &stage).ok()) std::abort();
    return stage;
  }();
  normalize->Process(doc);
  if (!saring::IsValidUtf8(doc.text())) std::abort();
  return 0;
}
