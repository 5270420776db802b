#include "lang/fasttext_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fstream>
#include <functional>
#include <utility>

namespace saring {
namespace {

constexpr int32_t kMagic = 793712314;  // fastText's FASTTEXT_FILEFORMAT_MAGIC_INT32
constexpr int32_t kMaxVersion = 12;
constexpr int32_t kSupervised = 3;  // fastText's model_name::sup
enum Loss : int32_t {
  kHierarchicalSoftmax = 1,
  kNegativeSampling = 2,
  kSoftmax = 3,
  kOneVsAll = 4
};
constexpr std::string_view kEndOfLine = "</s>";
constexpr std::string_view kLabelPrefix = "__label__";
constexpr int kCentroidsPerSubquantizer = 256;
constexpr uint64_t kDecodeBudget = 64 << 20;  // see Matrix::Decode

// fastText's string hash: FNV-1a over the bytes read as *signed* chars. The
// sign extension is part of the model format: n-gram rows were trained at
// these bucket numbers.
constexpr uint32_t kFnvBasis = 2166136261u;
inline uint32_t FnvStep(uint32_t h, char c) {
  return (h ^ static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(c)))) * 16777619u;
}
uint32_t Fnv(std::string_view s) {
  uint32_t h = kFnvBasis;
  for (char c : s) h = FnvStep(h, c);
  return h;
}

// fastText's std_log: log with the 1e-5 floor its predictions carry
// (computed in double, as fastText does).
inline float StdLog(float x) { return static_cast<float>(std::log(x + 1e-5)); }

// fastText's sigmoid for negative-sampling and one-vs-all models: a table of
// 513 values over [-8, 8], so scores match fastText's to the last digit.
constexpr int kSigmoidTableSize = 512;
constexpr float kMaxSigmoid = 8;
float TableSigmoid(float x) {
  static const std::vector<float> table = [] {
    std::vector<float> t(kSigmoidTableSize + 1);
    for (int i = 0; i <= kSigmoidTableSize; ++i) {
      float v = float(i * 2 * kMaxSigmoid) / kSigmoidTableSize - kMaxSigmoid;
      t[i] = static_cast<float>(1.0 / (1.0 + std::exp(-v)));
    }
    return t;
  }();
  if (x < -kMaxSigmoid) return 0.0f;
  if (x > kMaxSigmoid) return 1.0f;
  return table[int64_t((x + kMaxSigmoid) * kSigmoidTableSize / kMaxSigmoid / 2)];
}

// x % d for a fixed 32-bit d without a division (Lemire, "Faster remainder
// by direct computation", 2019): the n-gram loop takes one remainder per
// character n-gram, and a hardware division was a fifth of its time.
class FastModulo {
 public:
  explicit FastModulo(uint32_t d = 1) : d_(d), m_(UINT64_C(0xFFFFFFFFFFFFFFFF) / d + 1) {}
  uint32_t operator()(uint32_t x) const {
    uint64_t low = m_ * x;
    return static_cast<uint32_t>((static_cast<unsigned __int128>(low) * d_) >> 64);
  }

 private:
  uint64_t d_;
  uint64_t m_;
};

bool IsTokenSeparator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

// Reads the little-endian binary fields of a model file, remembering the
// first failure so callers check once per section.
class ModelReader {
 public:
  ModelReader(const std::string& path, std::istream& in, uint64_t size)
      : path_(path), in_(in), remaining_(size) {}

  template <typename T>
  bool Read(T* value) {
    return ReadRaw(value, sizeof(T));
  }
  template <typename T>
  bool ReadArray(std::vector<T>* values, uint64_t count) {
    if (!Fits(count, sizeof(T))) return false;
    values->resize(count);
    return ReadRaw(values->data(), count * sizeof(T));
  }
  bool ReadCString(std::string* s) {
    s->clear();
    for (;;) {
      char c;
      if (!ReadRaw(&c, 1)) return false;
      if (c == 0) return true;
      s->push_back(c);
    }
  }
  bool Fail(const std::string& what) {
    if (error_.empty()) error_ = what;
    return false;
  }
  Status status() const {
    if (error_.empty()) return Status::OK();
    return Status::Corruption(path_ + ": not a usable fastText model: " + error_);
  }

 private:
  bool Fits(uint64_t count, uint64_t width) {
    if (count > remaining_ / width) return Fail("truncated (a section is larger than the file)");
    return true;
  }
  bool ReadRaw(void* out, uint64_t bytes) {
    if (!error_.empty()) return false;
    if (bytes > remaining_) return Fail("truncated");
    in_.read(static_cast<char*>(out), static_cast<std::streamsize>(bytes));
    if (!in_) return Fail("read error");
    remaining_ -= bytes;
    return true;
  }

  const std::string& path_;
  std::istream& in_;
  uint64_t remaining_;
  std::string error_;
};

// fastText's ProductQuantizer: a row is `nsubq` one-byte codes, each picking
// one of 256 centroids of `dsub` floats (the last of `lastdsub`).
struct ProductQuantizer {
  int32_t dim = 0, nsubq = 0, dsub = 0, lastdsub = 0;
  std::vector<float> centroids;

  bool Load(ModelReader& r) {
    if (!r.Read(&dim) || !r.Read(&nsubq) || !r.Read(&dsub) || !r.Read(&lastdsub)) return false;
    if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 ||
        (nsubq - 1) * dsub + lastdsub != dim) {
      return r.Fail("inconsistent product quantizer");
    }
    return r.ReadArray(&centroids, uint64_t(dim) * kCentroidsPerSubquantizer);
  }
  const float* Centroid(int32_t m, uint8_t code) const {
    if (m == nsubq - 1) return &centroids[m * kCentroidsPerSubquantizer * dsub + code * lastdsub];
    return &centroids[(m * kCentroidsPerSubquantizer + code) * dsub];
  }
  void AddCode(float* x, const uint8_t* code, float alpha) const {
    for (int32_t m = 0; m < nsubq; ++m) {
      const float* c = Centroid(m, code[m]);
      const int32_t d = m == nsubq - 1 ? lastdsub : dsub;
      for (int32_t n = 0; n < d; ++n) x[m * dsub + n] += alpha * c[n];
    }
  }
  float MulCode(const float* x, const uint8_t* code, float alpha) const {
    float sum = 0;
    for (int32_t m = 0; m < nsubq; ++m) {
      const float* c = Centroid(m, code[m]);
      const int32_t d = m == nsubq - 1 ? lastdsub : dsub;
      for (int32_t n = 0; n < d; ++n) sum += x[m * dsub + n] * c[n];
    }
    return sum * alpha;
  }
};

// fastText's DenseMatrix or QuantMatrix, whichever the file holds.
struct Matrix {
  int64_t rows = 0, cols = 0;
  bool quantized = false;
  bool decoded = false;      // quantized, and `dense` holds the decoded rows
  std::vector<float> dense;  // rows * cols
  bool qnorm = false;
  std::vector<uint8_t> codes;  // rows * pq.nsubq
  ProductQuantizer pq;
  std::vector<uint8_t> norm_codes;  // rows, when qnorm
  ProductQuantizer norm_pq;

  bool Load(ModelReader& r, bool is_quantized) {
    quantized = is_quantized;
    if (!quantized) {
      if (!r.Read(&rows) || !r.Read(&cols)) return false;
      if (rows < 0 || cols <= 0) return r.Fail("negative matrix size");
      return r.ReadArray(&dense, uint64_t(rows) * uint64_t(cols));
    }
    int32_t code_size = 0;
    if (!r.Read(&qnorm) || !r.Read(&rows) || !r.Read(&cols) || !r.Read(&code_size)) return false;
    if (rows < 0 || cols <= 0 || code_size < 0) return r.Fail("negative matrix size");
    if (!r.ReadArray(&codes, uint64_t(code_size)) || !pq.Load(r)) return false;
    if (pq.dim != cols || uint64_t(code_size) != uint64_t(rows) * pq.nsubq) {
      return r.Fail("quantized matrix does not match its quantizer");
    }
    if (qnorm) {
      if (!r.ReadArray(&norm_codes, uint64_t(rows)) || !norm_pq.Load(r)) return false;
      if (norm_pq.dim != 1) return r.Fail("norm quantizer is not one-dimensional");
    }
    return true;
  }

  float Norm(int64_t i) const { return qnorm ? norm_pq.Centroid(0, norm_codes[i])[0] : 1.0f; }

  // Decodes every row once (rows * cols floats), when that fits `budget`
  // bytes: adding a decoded row is one pass over `cols` floats instead of
  // nsubq centroid lookups. The sums are the same to the bit: fastText adds
  // norm * centroid[n] element by element, and so does the decoding.
  void Decode(uint64_t budget) {
    if (!quantized || uint64_t(rows) * uint64_t(cols) * sizeof(float) > budget) return;
    dense.assign(size_t(rows * cols), 0.0f);
    for (int64_t i = 0; i < rows; ++i) pq.AddCode(&dense[i * cols], &codes[i * pq.nsubq], Norm(i));
    decoded = true;
  }

  void AddRow(float* x, int64_t i) const {
    if (quantized && !decoded) {
      pq.AddCode(x, &codes[i * pq.nsubq], Norm(i));
      return;
    }
    const float* row = &dense[i * cols];
    for (int64_t j = 0; j < cols; ++j) x[j] += row[j];
  }

  // x += rows[0] + rows[1] + ..., each element summed in row order as
  // AddRow would, but 16 columns at a time in registers: through memory,
  // every row waited for the previous row's stores.
  void AddRows(float* x, const int32_t* rows, size_t n) const {
    if (quantized && !decoded) {
      for (size_t r = 0; r < n; ++r) AddRow(x, rows[r]);
      return;
    }
    constexpr int64_t kChunk = 16;
    int64_t j0 = 0;
    for (; j0 + kChunk <= cols; j0 += kChunk) {
      float acc[kChunk];
      for (int64_t j = 0; j < kChunk; ++j) acc[j] = x[j0 + j];
      for (size_t r = 0; r < n; ++r) {
        const float* row = &dense[rows[r] * cols + j0];
        for (int64_t j = 0; j < kChunk; ++j) acc[j] += row[j];
      }
      for (int64_t j = 0; j < kChunk; ++j) x[j0 + j] = acc[j];
    }
    for (size_t r = 0; j0 < cols && r < n; ++r) {
      const float* row = &dense[rows[r] * cols];
      for (int64_t j = j0; j < cols; ++j) x[j] += row[j];
    }
  }

  float DotRow(const float* x, int64_t i) const {
    if (quantized) return pq.MulCode(x, &codes[i * pq.nsubq], Norm(i));
    const float* row = &dense[i * cols];
    float sum = 0;
    for (int64_t j = 0; j < cols; ++j) sum += row[j] * x[j];
    return sum;
  }
};

// Bucket number -> row of a pruned (quantized with -cutoff) model, as a
// bitmap of the buckets pruning kept, with a running count every 64 buckets,
// and their rows in bucket order: a bucket's row is found by counting the
// kept buckets before it. Most n-grams of a text fall in dropped buckets and
// cost one bit test; lid.176.ftz's 42,765 kept buckets of 2M take 500 KB,
// which stays in cache, where a hash table probe per n-gram missed it.
class PrunedBuckets {
 public:
  void Build(std::vector<std::pair<int32_t, int32_t>> bucket_rows, int32_t buckets) {
    std::stable_sort(bucket_rows.begin(), bucket_rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    bits_.assign((size_t(buckets) + 63) / 64, 0);
    rows_.clear();
    for (const auto& [bucket, row] : bucket_rows) {
      if (bucket < 0 || bucket >= buckets) continue;  // never looked up
      if (Contains(bucket)) {
        rows_.back() = row;  // a repeated bucket: the file's last entry wins, as in fastText
        continue;
      }
      bits_[bucket / 64] |= uint64_t(1) << (bucket % 64);
      rows_.push_back(row);
    }
    ranks_.resize(bits_.size());
    uint32_t before = 0;
    for (size_t i = 0; i < bits_.size(); ++i) {
      ranks_[i] = before;
      before += uint32_t(std::popcount(bits_[i]));
    }
  }
  // The row of `bucket` (0 <= bucket < buckets), or -1.
  int32_t Find(int32_t bucket) const {
    const uint64_t bits = bits_[bucket / 64];
    const uint64_t bit = uint64_t(1) << (bucket % 64);
    if (!(bits & bit)) return -1;
    return rows_[ranks_[bucket / 64] + uint32_t(std::popcount(bits & (bit - 1)))];
  }

 private:
  bool Contains(int32_t bucket) const { return bits_[bucket / 64] >> (bucket % 64) & 1; }
  std::vector<uint64_t> bits_;   // kept buckets
  std::vector<uint32_t> ranks_;  // kept buckets before each word of bits_
  std::vector<int32_t> rows_;    // in bucket order
};

struct Node {  // a node of the hierarchical-softmax tree
  int32_t left = -1, right = -1;
  int64_t count = 0;
};

// A line of the text: its bytes, its token rows and hashes in Scratch, and
// how many tokens it has (a token may have no row: an unknown word of a
// model without subwords).
struct LineSpan {
  size_t begin = 0, end = 0;
  size_t row_begin = 0, row_end = 0;
  size_t hash_begin = 0, hash_end = 0;
  size_t tokens = 0;
};

// Per-thread buffers of Predict.
struct Scratch {
  std::vector<float> hidden;
  std::vector<float> output;
  std::string wrapped;          // "<" + token + ">"
  std::vector<int32_t> hashes;  // token hashes, for word n-grams
  std::vector<int32_t> rows;    // input rows of the text, in fastText's order
  std::vector<int32_t> line_hashes;
  std::vector<LineSpan> line_spans;
  std::vector<std::pair<float, int32_t>> heap;
};

}  // namespace

struct FastTextModel::Impl {
  // Args.
  int32_t dim = 0, word_ngrams = 1, loss = 0, model = 0, bucket = 0, minn = 0, maxn = 0;
  // Dictionary.
  int32_t nwords = 0;
  std::vector<std::string> entries;  // words, then labels (with prefix)
  std::vector<int8_t> entry_types;   // 0 word, 1 label
  std::vector<int64_t> label_counts;
  std::vector<std::string> labels;      // without prefix
  std::vector<int32_t> word_slots;      // open addressing by Fnv: entry index or -1
  std::vector<uint32_t> subword_begin;  // per word: its rows in subword_rows
  std::vector<int32_t> subword_rows;
  int64_t pruned_size = -1;  // -1 not pruned, 0 no n-grams, else entries
  PrunedBuckets pruned;
  FastModulo bucket_mod;
  // Matrices.
  Matrix input, output;
  std::vector<Node> tree;  // hierarchical softmax only

  Status Load(const std::string& path);
  bool LoadArgs(ModelReader& r, int32_t version);
  bool LoadDictionary(ModelReader& r);
  void IndexDictionary();
  void BuildTree();

  int32_t FindEntry(std::string_view token, uint32_t hash) const;
  int32_t NgramRow(int32_t bucket_id) const;
  template <typename Emit>
  void ForEachCharNgram(std::string_view wrapped, Emit emit) const;
  template <typename Emit>
  void ForEachTokenRow(std::string_view token, Scratch& s, Emit emit) const;
  void Predict(std::string_view text, int k, std::vector<LabelScore>* top,
               std::vector<LineLabel>* lines, size_t min_line_bytes = 0) const;
  template <typename Emit>
  void AddWordNgramsOf(const std::vector<int32_t>& hashes, Emit emit) const;
  void HiddenFromRows(Scratch& s, size_t begin, size_t end, size_t eos_begin, size_t eos_end,
                      size_t extra_begin = SIZE_MAX) const;
  void TopLabels(Scratch& s, int k, std::vector<LabelScore>* top) const;
  void SearchTree(int32_t node, float score, const float* hidden, size_t k,
                  std::vector<std::pair<float, int32_t>>* heap) const;
};

Status FastTextModel::Impl::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::IOError(path + ": cannot open the model file");
  const uint64_t size = static_cast<uint64_t>(in.tellg());
  in.seekg(0);
  ModelReader r(path, in, size);
  int32_t magic = 0, version = 0;
  if (!r.Read(&magic) || magic != kMagic) {
    return Status::Corruption(path + ": not a fastText model (bad magic number)");
  }
  if (!r.Read(&version)) return r.status();
  if (version > kMaxVersion) {
    return Status::Corruption(path + ": unsupported fastText model version " +
                              std::to_string(version));
  }
  if (!LoadArgs(r, version) || !LoadDictionary(r)) return r.status();
  bool quant_input = false, quant_output = false;
  if (!r.Read(&quant_input) || !input.Load(r, quant_input)) return r.status();
  if (!r.Read(&quant_output) || !output.Load(r, quant_input && quant_output)) return r.status();
  if (input.cols != dim || output.cols != dim) r.Fail("matrix width differs from dim");
  if (!quant_input && pruned_size >= 0) r.Fail("a pruned dictionary needs a quantized input");
  const int64_t needed_rows =
      loss == kHierarchicalSoftmax ? int64_t(labels.size()) - 1 : int64_t(labels.size());
  if (output.rows < needed_rows) r.Fail("output matrix has fewer rows than labels");
  if (!r.status().ok()) return r.status();
  input.Decode(kDecodeBudget);
  IndexDictionary();
  if (loss == kHierarchicalSoftmax) BuildTree();
  return Status::OK();
}

bool FastTextModel::Impl::LoadArgs(ModelReader& r, int32_t version) {
  int32_t ws, epoch, min_count, neg, lr_update_rate;
  double sampling;
  if (!r.Read(&dim) || !r.Read(&ws) || !r.Read(&epoch) || !r.Read(&min_count) || !r.Read(&neg) ||
      !r.Read(&word_ngrams) || !r.Read(&loss) || !r.Read(&model) || !r.Read(&bucket) ||
      !r.Read(&minn) || !r.Read(&maxn) || !r.Read(&lr_update_rate) || !r.Read(&sampling)) {
    return false;
  }
  if (model != kSupervised) return r.Fail("not a supervised (classification) model");
  if (version == 11) maxn = 0;  // what fastText does for version-11 supervised models
  if (dim <= 0 || dim > 4096) return r.Fail("dimension " + std::to_string(dim));
  if (loss < kHierarchicalSoftmax || loss > kOneVsAll) return r.Fail("unknown loss");
  if (bucket < 0 || minn < 0 || maxn < 0) return r.Fail("negative bucket or n-gram size");
  if (bucket == 0) maxn = 0;  // no n-gram rows to hash into
  bucket_mod = FastModulo(bucket > 0 ? uint32_t(bucket) : 1);
  return true;
}

bool FastTextModel::Impl::LoadDictionary(ModelReader& r) {
  int32_t size = 0, nlabels = 0;
  int64_t ntokens = 0;
  if (!r.Read(&size) || !r.Read(&nwords) || !r.Read(&nlabels) || !r.Read(&ntokens) ||
      !r.Read(&pruned_size)) {
    return false;
  }
  if (size < 0 || nwords < 0 || nlabels <= 0 || nwords + nlabels != size) {
    return r.Fail("inconsistent dictionary sizes");
  }
  entries.resize(size);
  entry_types.resize(size);
  for (int32_t i = 0; i < size; ++i) {
    int64_t count = 0;
    if (!r.ReadCString(&entries[i]) || !r.Read(&count) || !r.Read(&entry_types[i])) return false;
    if (entry_types[i] == 1) {
      std::string_view name = entries[i];
      if (name.starts_with(kLabelPrefix)) name.remove_prefix(kLabelPrefix.size());
      labels.emplace_back(name);
      label_counts.push_back(count);
    }
  }
  if (int32_t(labels.size()) != nlabels) return r.Fail("label count differs from the header");
  if (pruned_size > 0) {
    std::vector<int32_t> pairs;  // bucket, row, bucket, row, ...
    if (pruned_size > INT64_MAX / 2 || !r.ReadArray(&pairs, 2 * uint64_t(pruned_size)))
      return false;
    std::vector<std::pair<int32_t, int32_t>> bucket_rows;
    for (size_t i = 0; i + 1 < pairs.size(); i += 2)
      bucket_rows.emplace_back(pairs[i], pairs[i + 1]);
    pruned.Build(std::move(bucket_rows), bucket);
  }
  return true;
}

// The vocabulary table, and each word's rows (the word, then its character
// n-grams), computed once instead of per occurrence.
void FastTextModel::Impl::IndexDictionary() {
  size_t capacity = 16;
  while (capacity < 2 * entries.size()) capacity <<= 1;
  word_slots.assign(capacity, -1);
  for (int32_t i = 0; i < int32_t(entries.size()); ++i) {
    for (size_t slot = Fnv(entries[i]) & (capacity - 1);; slot = (slot + 1) & (capacity - 1)) {
      if (word_slots[slot] < 0) {
        word_slots[slot] = i;
        break;
      }
    }
  }
  std::string wrapped;
  subword_begin.clear();
  subword_rows.clear();
  for (int32_t i = 0; i < nwords; ++i) {
    subword_begin.push_back(uint32_t(subword_rows.size()));
    subword_rows.push_back(i);
    if (entries[i] == kEndOfLine) continue;
    wrapped = "<" + entries[i] + ">";
    ForEachCharNgram(wrapped, [&](int32_t row) { subword_rows.push_back(row); });
  }
  subword_begin.push_back(uint32_t(subword_rows.size()));
}

// fastText's Huffman tree over label counts (labels sorted by count, most
// frequent first, as the dictionary stores them).
void FastTextModel::Impl::BuildTree() {
  const int32_t n = int32_t(labels.size());
  tree.assign(2 * n - 1, Node{-1, -1, int64_t(1e15)});
  for (int32_t i = 0; i < n; ++i) tree[i].count = label_counts[i];
  int32_t leaf = n - 1, node = n;
  for (int32_t i = n; i < 2 * n - 1; ++i) {
    int32_t pick[2];
    for (int32_t& p : pick) {
      if (leaf >= 0 && tree[leaf].count < tree[node].count) {
        p = leaf--;
      } else {
        p = node++;
      }
    }
    tree[i].left = pick[0];
    tree[i].right = pick[1];
    tree[i].count = tree[pick[0]].count + tree[pick[1]].count;
  }
}

int32_t FastTextModel::Impl::FindEntry(std::string_view token, uint32_t hash) const {
  const size_t mask = word_slots.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    int32_t i = word_slots[slot];
    if (i < 0) return -1;
    if (entries[i] == token) return i;
  }
}

// The input row of n-gram bucket `bucket_id`, or -1 when pruning dropped it.
int32_t FastTextModel::Impl::NgramRow(int32_t bucket_id) const {
  if (pruned_size == 0) return -1;
  if (pruned_size < 0) return nwords + bucket_id;
  int32_t row = pruned.Find(bucket_id);
  return row < 0 ? -1 : nwords + row;
}

// fastText's computeSubwords: every n-gram of minn..maxn characters (UTF-8
// code points) of "<word>", hashed into `bucket` buckets. The hash of an
// n-gram extends the hash of the one a character shorter, so each start
// position costs one pass over maxn characters.
template <typename Emit>
void FastTextModel::Impl::ForEachCharNgram(std::string_view wrapped, Emit emit) const {
  const size_t size = wrapped.size();
  for (size_t i = 0; i < size; ++i) {
    if ((wrapped[i] & 0xC0) == 0x80) continue;
    uint32_t h = kFnvBasis;
    size_t j = i;
    for (int32_t n = 1; j < size && n <= maxn; ++n) {
      h = FnvStep(h, wrapped[j++]);
      while (j < size && (wrapped[j] & 0xC0) == 0x80) h = FnvStep(h, wrapped[j++]);
      if (n >= minn && !(n == 1 && (i == 0 || j == size))) {
        int32_t row = NgramRow(int32_t(bucket_mod(h)));
        if (row >= 0) emit(row);
      }
    }
  }
}

// fastText's Dictionary::getLine for one token: its rows, and its hash for
// word n-grams. Tokens that look like labels are skipped, as fastText does.
template <typename Emit>
void FastTextModel::Impl::ForEachTokenRow(std::string_view token, Scratch& s, Emit emit) const {
  const uint32_t hash = Fnv(token);
  const int32_t id = FindEntry(token, hash);
  const bool is_label = id >= 0 ? entry_types[id] == 1 : token.starts_with(kLabelPrefix);
  if (is_label) return;
  if (id < 0) {
    if (token != kEndOfLine && maxn > 0) {
      s.wrapped.assign("<").append(token).append(">");
      ForEachCharNgram(s.wrapped, emit);
    }
  } else if (maxn <= 0) {
    emit(id);
  } else {
    for (uint32_t i = subword_begin[id]; i < subword_begin[id + 1]; ++i) emit(subword_rows[i]);
  }
  if (word_ngrams > 1) s.hashes.push_back(static_cast<int32_t>(hash));
}

// Two phases: first every input row of the text, in fastText's order, then
// their sum. Keeping the lookups (bit tests and table reads that often miss
// the cache) out of the summing loop lets the processor overlap them;
// interleaved, the text took 1.6 times as long.
//
// With `lines`, each line's rows are remembered as a range of the text's
// rows, and the line is predicted alone from them (plus its own end-of-line
// and word n-grams), without looking anything up again.
void FastTextModel::Impl::Predict(std::string_view text, int k, std::vector<LabelScore>* top,
                                  std::vector<LineLabel>* lines, size_t min_line_bytes) const {
  thread_local Scratch s;
  s.rows.clear();
  s.hashes.clear();
  s.line_spans.clear();
  auto add = [&](int32_t row) { s.rows.push_back(row); };
  size_t i = 0, line_start = 0;
  LineSpan span;
  auto close_line = [&](size_t end) {
    span.begin = line_start;
    span.end = end;
    span.row_end = s.rows.size();
    span.hash_end = s.hashes.size();
    s.line_spans.push_back(span);
    span = LineSpan{0, 0, s.rows.size(), s.rows.size(), s.hashes.size(), s.hashes.size(), 0};
    line_start = end + 1;
  };
  while (i < text.size()) {
    while (i < text.size() && IsTokenSeparator(text[i])) {
      if (lines != nullptr && text[i] == '\n') close_line(i);
      ++i;
    }
    size_t start = i;
    while (i < text.size() && !IsTokenSeparator(text[i])) ++i;
    if (i > start) {
      ForEachTokenRow(text.substr(start, i - start), s, add);
      ++span.tokens;
    }
  }
  if (lines != nullptr && line_start <= text.size()) close_line(text.size());
  const size_t token_rows = s.rows.size();
  const size_t token_hashes = s.hashes.size();
  ForEachTokenRow(kEndOfLine, s, add);
  const size_t eos_begin = token_rows, eos_end = s.rows.size();
  AddWordNgramsOf(s.hashes, add);
  top->clear();
  if (s.rows.empty()) return;
  HiddenFromRows(s, 0, s.rows.size(), 0, 0);
  TopLabels(s, k, top);
  if (lines == nullptr) return;
  lines->clear();
  std::vector<LabelScore> best;
  for (const LineSpan& line : s.line_spans) {
    LineLabel label{line.begin, line.end, LabelScore{}};
    if (line.tokens > 0 && line.end - line.begin >= min_line_bytes) {
      // The line's own word n-grams (its tokens and end-of-line), after the
      // text's rows, so the ranges above stay valid.
      const size_t extra_begin = s.rows.size();
      if (word_ngrams > 1) {
        s.line_hashes.assign(s.hashes.begin() + line.hash_begin, s.hashes.begin() + line.hash_end);
        s.line_hashes.insert(s.line_hashes.end(), s.hashes.begin() + token_hashes,
                             s.hashes.begin() + token_hashes + 1);
        AddWordNgramsOf(s.line_hashes, add);
      }
      HiddenFromRows(s, line.row_begin, line.row_end, eos_begin, eos_end, extra_begin);
      s.rows.resize(extra_begin);
      TopLabels(s, 1, &best);
      if (!best.empty()) label.best = best[0];
    }
    lines->push_back(label);
  }
}

// fastText's addWordNgrams.
template <typename Emit>
void FastTextModel::Impl::AddWordNgramsOf(const std::vector<int32_t>& hashes, Emit emit) const {
  for (size_t a = 0; word_ngrams > 1 && a < hashes.size(); ++a) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[a]));
    for (size_t b = a + 1; b < hashes.size() && b < a + word_ngrams; ++b) {
      h = h * 116049371 + static_cast<uint64_t>(static_cast<int64_t>(hashes[b]));
      int32_t row = NgramRow(static_cast<int32_t>(h % static_cast<uint64_t>(bucket)));
      if (row >= 0) emit(row);
    }
  }
}

// s.hidden = the mean of rows[begin, end), rows[eos_begin, eos_end) and
// rows[extra_begin, rows.size()), summed in that order (fastText's order
// for a line: tokens, end-of-line, word n-grams).
void FastTextModel::Impl::HiddenFromRows(Scratch& s, size_t begin, size_t end, size_t eos_begin,
                                         size_t eos_end, size_t extra_begin) const {
  s.hidden.assign(dim, 0.0f);
  size_t count = 0;
  auto add_range = [&](size_t from, size_t to) {
    input.AddRows(s.hidden.data(), s.rows.data() + from, to - from);
    count += to - from;
  };
  add_range(begin, end);
  add_range(eos_begin, eos_end);
  if (extra_begin != SIZE_MAX) add_range(extra_begin, s.rows.size());
  const float scale = static_cast<float>(1.0 / static_cast<double>(count));
  for (float& x : s.hidden) x *= scale;
}

void FastTextModel::Impl::TopLabels(Scratch& s, int k, std::vector<LabelScore>* top) const {
  const size_t limit = static_cast<size_t>(std::max(1, k));
  top->clear();
  auto& heap = s.heap;  // (log probability, label), smallest first
  heap.clear();
  auto greater = std::greater<std::pair<float, int32_t>>();
  if (loss == kHierarchicalSoftmax) {
    SearchTree(2 * int32_t(labels.size()) - 2, 0.0f, s.hidden.data(), limit, &heap);
  } else {
    const int32_t n = int32_t(labels.size());
    s.output.resize(n);
    for (int32_t i = 0; i < n; ++i) s.output[i] = output.DotRow(s.hidden.data(), i);
    if (loss == kSoftmax) {
      const float max = *std::max_element(s.output.begin(), s.output.end());
      float z = 0;
      for (float& x : s.output) z += (x = std::exp(x - max));
      for (float& x : s.output) x /= z;
    } else {  // negative sampling and one-vs-all score each label alone
      for (float& x : s.output) x = TableSigmoid(x);
    }
    for (int32_t i = 0; i < n; ++i) {
      float score = StdLog(s.output[i]);
      if (heap.size() == limit && score < heap.front().first) continue;
      heap.emplace_back(score, i);
      std::push_heap(heap.begin(), heap.end(), greater);
      if (heap.size() > limit) {
        std::pop_heap(heap.begin(), heap.end(), greater);
        heap.pop_back();
      }
    }
  }
  std::sort_heap(heap.begin(), heap.end(), greater);
  for (const auto& [score, label] : heap) top->push_back(LabelScore{label, std::exp(score)});
}

// fastText's HierarchicalSoftmaxLoss::dfs: best-first descent that skips
// subtrees which cannot beat the k-th best label found so far.
void FastTextModel::Impl::SearchTree(int32_t node, float score, const float* hidden, size_t k,
                                     std::vector<std::pair<float, int32_t>>* heap) const {
  auto greater = std::greater<std::pair<float, int32_t>>();
  if (score < StdLog(0.0f)) return;
  if (heap->size() == k && score < heap->front().first) return;
  const Node& n = tree[node];
  if (n.left == -1 && n.right == -1) {
    heap->emplace_back(score, node);
    std::push_heap(heap->begin(), heap->end(), greater);
    if (heap->size() > k) {
      std::pop_heap(heap->begin(), heap->end(), greater);
      heap->pop_back();
    }
    return;
  }
  float f = output.DotRow(hidden, node - int32_t(labels.size()));
  f = static_cast<float>(1.0 / (1 + std::exp(-f)));
  SearchTree(n.left, score + StdLog(1.0f - f), hidden, k, heap);
  SearchTree(n.right, score + StdLog(f), hidden, k, heap);
}

FastTextModel::FastTextModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FastTextModel::~FastTextModel() = default;

Status FastTextModel::Load(const std::string& path, std::unique_ptr<FastTextModel>* model) {
  auto impl = std::make_unique<Impl>();
  Status s = impl->Load(path);
  if (!s.ok()) return s;
  model->reset(new FastTextModel(std::move(impl)));
  return Status::OK();
}

int FastTextModel::label_count() const { return int(impl_->labels.size()); }
const std::string& FastTextModel::label(int index) const { return impl_->labels[index]; }

void FastTextModel::Predict(std::string_view text, int k, std::vector<LabelScore>* top) const {
  impl_->Predict(text, k, top, nullptr);
}

void FastTextModel::PredictWithLines(std::string_view text, int k, std::vector<LabelScore>* top,
                                     std::vector<LineLabel>* lines, size_t min_line_bytes) const {
  impl_->Predict(text, k, top, lines, min_line_bytes);
}

}  // namespace saring
