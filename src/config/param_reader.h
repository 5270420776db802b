// ParamReader: typed access to one YAML map of settings, with errors that
// name the setting and suggest the closest known key for a typo.
//
//   ParamReader p("stage 'length'", node);
//   p.Get("min_chars", &options.min_chars);
//   Status s = p.Finish();  // "unknown key 'min_char' in stage 'length'
//                           //  (did you mean 'min_chars'?)"
//
// Thread-safety: not thread-safe.

#ifndef SARING_CONFIG_PARAM_READER_H_
#define SARING_CONFIG_PARAM_READER_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "saring/status.h"

namespace saring {

class ParamReader {
 public:
  ParamReader(std::string where, const YAML::Node& node);

  void Get(const std::string& key, bool* value);
  void Get(const std::string& key, int* value);
  void Get(const std::string& key, uint64_t* value);
  void Get(const std::string& key, double* value);
  void Get(const std::string& key, std::string* value);
  // A list of strings; a single string is a list of one.
  void Get(const std::string& key, std::vector<std::string>* value);
  // A map of names to numbers, e.g. {default: 0.65, id: 0.7}; entries
  // present replace those in *value.
  void Get(const std::string& key, std::map<std::string, double>* value);
  // A byte size: a number or "10MB", "256M", "1G".
  void GetBytes(const std::string& key, uint64_t* value);
  // A string that must be one of `choices`.
  void GetChoice(const std::string& key, const std::vector<std::string>& choices,
                 std::string* value);

  // First error seen, or an unknown-key error, or OK.
  Status Finish();

 private:
  template <typename T>
  void GetScalar(const std::string& key, T* value, const char* type_name);
  // Records `key` as known; sets *value and returns true if it is present.
  bool Find(const std::string& key, YAML::Node* value);
  void Fail(std::string message);

  std::string where_;
  YAML::Node node_;
  std::set<std::string> known_;
  Status status_;
};

// The candidate closest to `word` by edit distance, or "" if none is close.
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" with the closest candidate, or "" if none is close:
// the tail of every "unknown ..." error.
std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace saring

#endif  // SARING_CONFIG_PARAM_READER_H_
