// Pool: recycles batches so their buffers keep their capacity between uses.
// Handoff, SerialSection: the ordering oneTBB's parallel_pipeline gives,
// made visible to ThreadSanitizer.
//
// Thread-safety: Get() and Put() may be called from any thread.

#ifndef SARING_PIPELINE_POOL_H_
#define SARING_PIPELINE_POOL_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

namespace saring {

template <typename T>
class Pool {
 public:
  // Locks so that the last Put (on a worker thread) happens before the
  // buffers are freed, for ThreadSanitizer too.
  ~Pool() { std::lock_guard<std::mutex> lock(mu_); }
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

// The filters' closures are written on the thread that builds the chain and
// first read on a worker, through libtbb. Publish, after building the chain
// and before parallel_pipeline, and Receive, first thing in every filter
// body (before it touches a capture), are a release/acquire pair on a
// global: reaching it reads nothing of the closure.
class PipelineStart {
 public:
  static void Publish() { epoch_.fetch_add(1, std::memory_order_release); }
  static void Receive() { (void)epoch_.load(std::memory_order_acquire); }

 private:
  static inline std::atomic<uint64_t> epoch_{0};
};

// A batch passes from one pipeline filter to the next through oneTBB's
// queues, whose synchronization lives in libtbb, which ThreadSanitizer does
// not see. The producing filter calls Publish as it returns the batch and
// the consuming one Receive as it starts: a release/acquire pair (one atomic
// operation per batch) that states the hand-over in code TSan instruments.
class Handoff {
 public:
  void Publish() { seq_.fetch_add(1, std::memory_order_release); }
  void Receive() const { (void)seq_.load(std::memory_order_acquire); }

 private:
  std::atomic<uint32_t> seq_{0};
};

// A serial filter runs one invocation at a time, possibly on a different
// thread each time; the mutex (never contended) shows TSan that each call
// happens after the previous one, and Join (after parallel_pipeline
// returns) that the last one happens before what the caller does next.
class SerialSection {
 public:
  std::lock_guard<std::mutex> Enter() { return std::lock_guard<std::mutex>(mu_); }
  void Join() { std::lock_guard<std::mutex> lock(mu_); }

 private:
  std::mutex mu_;
};

// The same for a parallel filter: each invocation holds the lock shared;
// Join takes it exclusively, after every invocation (so the caller may free
// what the workers used, e.g. their thread-local state).
class ParallelSection {
 public:
  std::shared_lock<std::shared_mutex> Enter() { return std::shared_lock<std::shared_mutex>(mu_); }
  void Join() { std::unique_lock<std::shared_mutex> lock(mu_); }

 private:
  std::shared_mutex mu_;
};

}  // namespace saring

#endif  // SARING_PIPELINE_POOL_H_
