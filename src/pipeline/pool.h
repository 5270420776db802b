// Pool: recycles batches so their buffers keep their capacity between uses.
//
// Thread-safety: Get() and Put() may be called from any thread.

#ifndef SARING_PIPELINE_POOL_H_
#define SARING_PIPELINE_POOL_H_

#include <memory>
#include <mutex>
#include <vector>

namespace saring {

template <typename T>
class Pool {
 public:
  T* Get() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<T>());
      return all_.back().get();
    }
    T* t = free_.back();
    free_.pop_back();
    return t;
  }
  void Put(T* t) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(t);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> all_;
  std::vector<T*> free_;
};

}  // namespace saring

#endif  // SARING_PIPELINE_POOL_H_
