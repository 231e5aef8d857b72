#pragma once

#include <functional>
#include <stdexcept>

namespace openclaw::core {

// What an awaited operation throws when it was cancelled through its CancelSignal.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Cancels the operation a coroutine awaits (Boost 1.74 has no asio cancellation slots). The
// awaitable adapter of an operation installs a handler while the operation is in flight; emit()
// runs it, which stops the operation and completes the await with Cancelled. Once emitted, every
// later await on the signal fails with Cancelled before it starts. Event-loop thread only.
class CancelSignal {
 public:
  void emit();
  bool emitted() const { return emitted_; }
  // For the operation in flight; replaces the previous handler.
  void install(std::function<void()> handler) { handler_ = std::move(handler); }
  void clear() { handler_ = nullptr; }

 private:
  bool emitted_ = false;
  std::function<void()> handler_;
};

// Installs a handler for the scope of one await and clears it afterwards.
class CancelScope {
 public:
  CancelScope(CancelSignal& signal, std::function<void()> handler) : signal_(signal) {
    if (signal_.emitted()) throw Cancelled();
    signal_.install(std::move(handler));
  }
  ~CancelScope() { signal_.clear(); }
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  CancelSignal& signal_;
};

}  // namespace openclaw::core
