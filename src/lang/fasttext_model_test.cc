#include "lang/fasttext_model.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "test_util.h"

namespace saring {
namespace {

namespace fs = std::filesystem;

// Writes a fastText model file by hand: the format's fields in order.
class ModelWriter {
 public:
  template <typename T>
  ModelWriter& Put(T v) {
    out_.write(reinterpret_cast<const char*>(&v), sizeof(v));
    return *this;
  }
  ModelWriter& Word(const std::string& w, int64_t count, int8_t type) {
    out_.write(w.c_str(), static_cast<std::streamsize>(w.size() + 1));
    return Put(count).Put(type);
  }
  ModelWriter& Floats(std::vector<float> v) {
    for (float f : v) Put(f);
    return *this;
  }
  std::string bytes() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

// A two-dimensional softmax model without subwords: words "saya" (1, 0) and
// "you" (0, 1), the end-of-line token (0, 0); labels id = (2, 0), en = (0, 2).
std::string TinySoftmaxModel() {
  ModelWriter w;
  w.Put<int32_t>(793712314).Put<int32_t>(12);
  // dim ws epoch minCount neg wordNgrams loss(softmax) model(sup) bucket minn maxn lrUpdate t
  for (int32_t v : {2, 5, 5, 1, 5, 1, 3, 3, 0, 0, 0, 100}) w.Put(v);
  w.Put<double>(1e-4);
  w.Put<int32_t>(5).Put<int32_t>(3).Put<int32_t>(2).Put<int64_t>(100).Put<int64_t>(-1);
  w.Word("</s>", 10, 0).Word("saya", 5, 0).Word("you", 5, 0);
  w.Word("__label__id", 6, 1).Word("__label__en", 4, 1);
  w.Put<bool>(false).Put<int64_t>(3).Put<int64_t>(2).Floats({0, 0, 1, 0, 0, 1});
  w.Put<bool>(false).Put<int64_t>(2).Put<int64_t>(2).Floats({2, 0, 0, 2});
  return w.bytes();
}

// One file per process: ctest runs each test as its own process, in
// parallel, and two writing one shared path raced.
std::string WriteTemp(const std::string& name, const std::string& bytes) {
  fs::path path = fs::temp_directory_path() / ("saring_ft_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

TEST(FastTextModelTest, TinyModelGivesHandComputedSoftmax) {
  std::unique_ptr<FastTextModel> model;
  ASSERT_TRUE(FastTextModel::Load(WriteTemp("tiny.bin", TinySoftmaxModel()), &model).ok());
  ASSERT_EQ(model->label_count(), 2);
  EXPECT_EQ(model->label(0), "id");
  EXPECT_EQ(model->label(1), "en");
  std::vector<LabelScore> top;
  // Rows "saya" and "</s>": hidden (0.5, 0); scores id 1, en 0;
  // p(id) = e / (e + 1) = 0.7311.
  model->Predict("saya", 2, &top);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].label, 0);
  EXPECT_NEAR(top[0].prob, 0.7311, 1e-4);
  EXPECT_NEAR(top[1].prob, 0.2689, 1e-4);
  // "you you saya" and "</s>": hidden (0.25, 0.5); scores 0.5, 1; p(en) = 0.6225.
  // Newlines and tabs separate tokens like spaces.
  model->Predict("you\nyou\tsaya", 1, &top);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(model->label(top[0].label), "en");
  EXPECT_NEAR(top[0].prob, 0.6225, 1e-4);
  // Unknown words add no row (the model has no subwords); "</s>" alone: 0.5.
  model->Predict("xyz", 1, &top);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_NEAR(top[0].prob, 0.5, 1e-4);
  // A token that looks like a label is ignored, as fastText does.
  model->Predict("__label__en saya", 1, &top);
  EXPECT_NEAR(top[0].prob, 0.7311, 1e-4);
}

// Each line predicted from the text's shared lookups equals the line
// predicted alone; the text's own prediction is unchanged.
TEST(FastTextModelTest, LinesFromOnePassMatchLinesAlone) {
  std::unique_ptr<FastTextModel> model;
  ASSERT_TRUE(FastTextModel::Load(WriteTemp("tiny.bin", TinySoftmaxModel()), &model).ok());
  std::string text = "saya saya\n\nyou xyz\nxyz";
  std::vector<LabelScore> whole, alone;
  std::vector<LineLabel> lines;
  model->PredictWithLines(text, 2, &whole, &lines);
  model->Predict(text, 2, &alone);
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_EQ(whole[0].label, alone[0].label);
  EXPECT_FLOAT_EQ(whole[0].prob, alone[0].prob);
  ASSERT_EQ(lines.size(), 4u);
  const char* expected_text[] = {"saya saya", "", "you xyz", "xyz"};
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line(text.data() + lines[i].begin, lines[i].end - lines[i].begin);
    EXPECT_EQ(line, expected_text[i]);
    model->Predict(line, 1, &alone);
    ASSERT_EQ(alone.size(), 1u);  // "</s>" alone still gives a prediction
    EXPECT_EQ(lines[i].best.label, line.empty() ? -1 : alone[0].label) << i;
    if (!line.empty()) {
      EXPECT_FLOAT_EQ(lines[i].best.prob, alone[0].prob) << i;
    }
  }
  // "saya saya": rows saya, saya, </s> -> hidden (2/3, 0); p(id) = e^(4/3) / (e^(4/3) + 1).
  EXPECT_NEAR(lines[0].best.prob, 0.7914, 1e-4);
}

TEST(FastTextModelTest, BadFilesNameTheFileAndTheProblem) {
  std::unique_ptr<FastTextModel> model;
  Status s = FastTextModel::Load("/nonexistent/lid.bin", &model);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("/nonexistent/lid.bin: cannot open"), std::string::npos)
      << s.ToString();

  std::string text = WriteTemp("text.bin", "this is not a model\n");
  s = FastTextModel::Load(text, &model);
  EXPECT_NE(s.ToString().find(text + ": not a fastText model"), std::string::npos) << s.ToString();

  std::string full = TinySoftmaxModel();
  for (size_t cut : {size_t(6), size_t(40), size_t(90), full.size() - 3}) {
    std::string path = WriteTemp("cut.bin", full.substr(0, cut));
    s = FastTextModel::Load(path, &model);
    EXPECT_NE(s.ToString().find("truncated"), std::string::npos) << cut << ": " << s.ToString();
  }
}

// Every sentence of the LID test set (75 languages, 73,141 sentences):
// this reader and libfasttext give the same top 3 labels, and the same
// probabilities to 1e-4.
TEST(FastTextModelTest, MatchesLibfasttextOnTheLidSentences) {
  std::string shared = testing::SharedDir();
  fs::path model_path = fs::path(shared) / "models" / "lid.176.ftz";
  if (shared.empty() || !fs::exists(model_path)) {
    GTEST_SKIP() << "../shared/models/lid.176.ftz is absent: libfasttext comparison skipped";
  }
  std::unique_ptr<FastTextModel> ours;
  ASSERT_TRUE(FastTextModel::Load(model_path.string(), &ours).ok());
  fasttext::FastText reference;
  reference.loadModel(model_path.string());

  size_t sentences = 0, label_mismatches = 0;
  std::vector<LabelScore> top;
  std::vector<std::pair<fasttext::real, std::string>> expected;
  for (const auto& entry : fs::directory_iterator(fs::path(shared) / "data" / "lid-sentences")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      ++sentences;
      std::istringstream stream(line + "\n");
      reference.predictLine(stream, expected, 3, 0.0);
      ours->Predict(line, 3, &top);
      ASSERT_EQ(top.size(), expected.size()) << line;
      for (size_t i = 0; i < top.size(); ++i) {
        if ("__label__" + ours->label(top[i].label) != expected[i].second) {
          // Only a near tie may be ordered differently.
          ++label_mismatches;
          EXPECT_NEAR(top[i].prob, expected[i].first, 1e-4) << line;
          continue;
        }
        EXPECT_NEAR(top[i].prob, expected[i].first, 1e-4) << line;
      }
    }
  }
  EXPECT_GT(sentences, 70000u);
  EXPECT_EQ(label_mismatches, 0u);

  // Lines predicted from one pass over ten joined sentences equal the
  // sentences predicted alone.
  std::ifstream in(fs::path(shared) / "data" / "lid-sentences" / "hr.txt");
  std::string joined, line;
  std::vector<std::string> sentences_read;
  while (sentences_read.size() < 10 && std::getline(in, line)) {
    joined += (joined.empty() ? "" : "\n") + line;
    sentences_read.push_back(line);
  }
  std::vector<LineLabel> lines;
  ours->PredictWithLines(joined, 1, &top, &lines);
  ASSERT_EQ(lines.size(), sentences_read.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<LabelScore> alone;
    ours->Predict(sentences_read[i], 1, &alone);
    EXPECT_EQ(lines[i].best.label, alone[0].label) << sentences_read[i];
    EXPECT_FLOAT_EQ(lines[i].best.prob, alone[0].prob) << sentences_read[i];
  }
}

}  // namespace
}  // namespace saring
