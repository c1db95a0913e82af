#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tb::app {

// Runs a tick on a background thread every `interval` until Stop() or destruction; Stop()
// wakes the thread at once and waits for a running tick to end. The projections' loops.
class PeriodicTask {
 public:
  PeriodicTask() = default;
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Stops a running loop first. `tick` runs without the task's lock held.
  void Start(std::chrono::milliseconds interval, std::function<void()> tick);
  void Stop();

 private:
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace tb::app
