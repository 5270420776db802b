#include "saring/config.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

// The params of the stage of type `type` in `c` (the first one).
YAML::Node& StageParams(PipelineConfig& c, const std::string& type) {
  for (StageConfig& s : c.stages) {
    if (s.type == type) return s.params;
  }
  throw std::runtime_error("no stage " + type);
}

TEST(ConfigTest, PresetsLoadAndValidate) {
  for (const std::string& name : PresetNames()) {
    PipelineConfig c;
    Status s = LoadPreset(name, &c);
    EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
    EXPECT_EQ(c.name, name);
  }
  PipelineConfig c;
  ASSERT_TRUE(LoadPreset("default", &c).ok());
  std::vector<std::string> types;
  for (const StageConfig& s : c.stages) types.push_back(s.type);
  EXPECT_EQ(types, (std::vector<std::string>{"normalize", "repeats", "boilerplate", "common_lines", "pii", "language",
                                              "length", "quality"}));
  EXPECT_EQ(c.output.compression, "zst");
  EXPECT_EQ(c.input.max_doc_bytes, 10'000'000u);
  Status s = LoadPreset("defualt", &c);
  EXPECT_EQ(s.message(), "unknown preset 'defualt' (did you mean 'default'?)");
}

// Any stage can be switched off and stays in the config, validated.
TEST(ConfigTest, StagesCanBeDisabled) {
  PipelineConfig c;
  ASSERT_TRUE(ParseConfigYaml("stages:\n  - length: {min_chars: 10, enabled: false}\n  - quality\n",
                              "t", &c)
                  .ok());
  ASSERT_EQ(c.stages.size(), 2u);
  EXPECT_FALSE(c.stages[0].enabled);
  EXPECT_FALSE(c.stages[0].params["enabled"]);  // not passed to the stage's factory
  EXPECT_TRUE(ValidateConfig(c).ok());
  ASSERT_TRUE(ApplyOverride("quality.enabled=false", &c).ok());
  EXPECT_FALSE(c.stages[1].enabled);
  EXPECT_NE(ConfigToYaml(c).find("- length: {min_chars: 10, enabled: false}\n  - quality:\n"
                                 "      enabled: false\n"),
            std::string::npos)
      << ConfigToYaml(c);
  DropDisabledStages(&c);
  EXPECT_TRUE(c.stages.empty());
  Status s = ParseConfigYaml("stages:\n  - length: {enabled: maybe}\n", "t", &c);
  EXPECT_EQ(s.message(), "t: stage 'length': enabled must be true or false");
  ASSERT_TRUE(LoadPreset("default", &c).ok());
  s = ApplyOverride("length.enabled=2", &c);
  EXPECT_EQ(s.message(), "--set length.enabled=2: stage 'length': enabled must be true or false");
}

TEST(ConfigTest, ParsesAFullFile) {
  PipelineConfig c;
  Status s = ParseConfigYaml(R"(
input: {text_field: content, id_field: doc_id, max_doc_bytes: 2MB}
output: {compression: gz, compression_level: 9, shard_bytes: 1.5G, write_removed: false}
stages:
  - normalize
  - length: {min_words: 50}
)",
                             "test.yaml", &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.input.text_field, "content");
  EXPECT_EQ(c.input.id_field, "doc_id");
  EXPECT_EQ(c.input.max_doc_bytes, 2u << 20);
  EXPECT_EQ(c.output.compression, "gz");
  EXPECT_EQ(c.output.shard_bytes, 1610612736u);
  EXPECT_FALSE(c.output.write_removed);
  ASSERT_EQ(c.stages.size(), 2u);
  EXPECT_EQ(c.stages[1].params["min_words"].as<int>(), 50);
}

TEST(ConfigTest, ErrorsNameTheKeyAndSuggest) {
  PipelineConfig c;
  Status s = ParseConfigYaml("ouput: {}\n", "p.yaml", &c);
  EXPECT_EQ(s.message(), "p.yaml: unknown key 'ouput' (did you mean 'output'?)");
  s = ParseConfigYaml("output: {compresion: gz}\n", "p.yaml", &c);
  EXPECT_EQ(s.message(), "p.yaml: unknown key 'compresion' in section 'output' (did you mean 'compression'?)");
  s = ParseConfigYaml("output: {compression: lz4}\n", "p.yaml", &c);
  EXPECT_EQ(s.message(), "p.yaml: 'compression' in section 'output' must be one of zst, gz, none, got 'lz4'");
  s = ParseConfigYaml("stages:\n  - length: {min_chars: many}\n", "p.yaml", &c);
  EXPECT_EQ(s.message(), "p.yaml: 'min_chars' in stage 'length' must be a non-negative integer, got 'many'");
  s = ParseConfigYaml("stages: [normalize, lenght]\n", "p.yaml", &c);
  EXPECT_EQ(s.message(), "p.yaml: unknown stage 'lenght' (did you mean 'length'?)");
  s = ParseConfigYaml("input: {max_doc_bytes: 10XB}\n", "p.yaml", &c);
  EXPECT_FALSE(s.ok());
  s = ParseConfigYaml("stages: [ [1, 2] ]\n", "p.yaml", &c);
  EXPECT_FALSE(s.ok());
}

TEST(ConfigTest, OverridesChangeOneValueAndAreValidated) {
  PipelineConfig c;
  ASSERT_TRUE(LoadPreset("default", &c).ok());
  ASSERT_TRUE(ApplyOverride("length.min_chars=500", &c).ok());
  EXPECT_EQ(StageParams(c, "length")["min_chars"].as<int>(), 500);
  ASSERT_TRUE(ApplyOverride("output.compression=gz", &c).ok());
  EXPECT_EQ(c.output.compression, "gz");
  ASSERT_TRUE(ApplyOverride("input.max_doc_bytes=1MB", &c).ok());
  EXPECT_EQ(c.input.max_doc_bytes, 1u << 20);
  Status s = ApplyOverride("length.min_chars=abc", &c);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(StageParams(c, "length")["min_chars"].as<int>(), 500);  // unchanged on error
  s = ApplyOverride("dedup.threshold=0.8", &c);
  EXPECT_EQ(s.message(), "--set dedup.threshold=0.8: the pipeline has no stage 'dedup' (and it is not 'input' or 'output')");
  EXPECT_FALSE(ApplyOverride("no-equals-sign", &c).ok());
}

TEST(ConfigTest, ByteSizes) {
  uint64_t b = 0;
  ASSERT_TRUE(ParseByteSize("4096", &b).ok());
  EXPECT_EQ(b, 4096u);
  ASSERT_TRUE(ParseByteSize("10MB", &b).ok());
  EXPECT_EQ(b, 10u << 20);
  ASSERT_TRUE(ParseByteSize("256 MiB", &b).ok());
  EXPECT_EQ(b, 256u << 20);
  ASSERT_TRUE(ParseByteSize("1g", &b).ok());
  EXPECT_EQ(b, 1u << 30);
  EXPECT_FALSE(ParseByteSize("ten", &b).ok());
  EXPECT_FALSE(ParseByteSize("5Q", &b).ok());
}

TEST(ConfigTest, YamlRoundTrip) {
  PipelineConfig c, back;
  ASSERT_TRUE(LoadPreset("default", &c).ok());
  ASSERT_TRUE(ApplyOverride("length.min_chars=321", &c).ok());
  ASSERT_TRUE(ParseConfigYaml(ConfigToYaml(c), "round trip", &back).ok());
  EXPECT_EQ(ConfigToYaml(back), ConfigToYaml(c));
  EXPECT_EQ(StageParams(back, "length")["min_chars"].as<int>(), 321);
}

}  // namespace
}  // namespace saring
