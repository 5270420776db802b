#include "config/param_reader.h"

#include "saring/config.h"

#include <algorithm>
#include <cstdint>

namespace saring {

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& c : candidates) {
    // Levenshtein distance, two rows.
    std::vector<size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= c.size(); ++j) {
        size_t sub = prev[j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1);
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      }
      std::swap(prev, cur);
    }
    if (prev[c.size()] < best_distance) {
      best_distance = prev[c.size()];
      best = c;
    }
  }
  // Suggest only plausible typos: at most a third of the word changed.
  if (best_distance > std::max<size_t>(2, word.size() / 3)) return "";
  return best;
}

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string near = ClosestMatch(word, candidates);
  return near.empty() ? "" : " (did you mean '" + near + "'?)";
}

ParamReader::ParamReader(std::string where, const YAML::Node& node)
    : where_(std::move(where)), node_(node) {
  if (node_ && !node_.IsNull() && !node_.IsMap()) {
    Fail(where_ + " must be a map of settings");
  }
}

void ParamReader::Fail(std::string message) {
  if (status_.ok()) status_ = Status::InvalidArgument(std::move(message));
}

bool ParamReader::Find(const std::string& key, YAML::Node* value) {
  known_.insert(key);
  if (!node_ || !node_.IsMap()) return false;
  const YAML::Node& map = node_;  // const access never inserts the key
  YAML::Node v = map[key];
  if (!v) return false;
  *value = v;
  return true;
}

template <typename T>
void ParamReader::GetScalar(const std::string& key, T* value, const char* type_name) {
  YAML::Node v;
  if (!Find(key, &v)) return;
  try {
    *value = v.as<T>();
  } catch (const YAML::Exception&) {
    Fail("'" + key + "' in " + where_ + " must be " + type_name + ", got '" +
         (v.IsScalar() ? v.Scalar() : std::string("a non-scalar")) + "'");
  }
}

void ParamReader::Get(const std::string& key, bool* value) { GetScalar(key, value, "true or false"); }
void ParamReader::Get(const std::string& key, int* value) { GetScalar(key, value, "an integer"); }
void ParamReader::Get(const std::string& key, uint64_t* value) {
  GetScalar(key, value, "a non-negative integer");
}
void ParamReader::Get(const std::string& key, double* value) { GetScalar(key, value, "a number"); }
void ParamReader::Get(const std::string& key, std::string* value) { GetScalar(key, value, "a string"); }

void ParamReader::Get(const std::string& key, std::vector<std::string>* value) {
  YAML::Node v;
  if (!Find(key, &v)) return;
  try {
    if (v.IsScalar()) {
      *value = {v.as<std::string>()};
      return;
    }
    if (v.IsSequence()) {
      *value = v.as<std::vector<std::string>>();
      return;
    }
  } catch (const YAML::Exception&) {
  }
  Fail("'" + key + "' in " + where_ + " must be a list of strings");
}

void ParamReader::Get(const std::string& key, std::map<std::string, double>* value) {
  YAML::Node v;
  if (!Find(key, &v)) return;
  if (v.IsMap()) {
    try {
      for (const auto& entry : v) (*value)[entry.first.as<std::string>()] = entry.second.as<double>();
      return;
    } catch (const YAML::Exception&) {
    }
  }
  Fail("'" + key + "' in " + where_ + " must be a map of names to numbers, e.g. {default: 0.5}");
}

void ParamReader::GetBytes(const std::string& key, uint64_t* value) {
  YAML::Node v;
  if (!Find(key, &v)) return;
  if (!v.IsScalar()) {
    Fail("'" + key + "' in " + where_ + " must be a size such as 10MB");
    return;
  }
  Status s = ParseByteSize(v.Scalar(), value);
  if (!s.ok()) Fail("'" + key + "' in " + where_ + ": " + s.message());
}

void ParamReader::GetChoice(const std::string& key, const std::vector<std::string>& choices,
                            std::string* value) {
  std::string v = *value;
  Get(key, &v);
  if (std::find(choices.begin(), choices.end(), v) == choices.end()) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    Fail("'" + key + "' in " + where_ + " must be one of " + list + ", got '" + v + "'");
    return;
  }
  *value = v;
}

Status ParamReader::Finish() {
  if (!status_.ok()) return status_;
  if (!node_ || !node_.IsMap()) return Status::OK();
  std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& kv : node_) {
    std::string key = kv.first.as<std::string>();
    if (known_.count(key)) continue;
    return Status::InvalidArgument("unknown key '" + key + "' in " + where_ + DidYouMean(key, known));
  }
  return Status::OK();
}

}  // namespace saring
