#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

#include "protocol/gateway_error.h"

namespace openclaw::protocol {

// The one error vocabulary of services and method handlers: a value, or the GatewayError a
// client is answered with (std::expected-like; g++ 12 has no std::expected). A service returns
// Result<T> (Result<void> when there is no value); an asynchronous service completes with one
// callback taking Result<T>, never with a pair of accept/reject callbacks.
//
// Exceptions are left to programming errors (a broken invariant, reading the value of a failed
// Result) and to start-up failures (bad configuration, a database that cannot open); a request
// from a client never ends in one.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(GatewayError error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; throws std::logic_error when the Result holds an error (a programming error).
  T& value() & { return require(true), std::get<0>(state_); }
  const T& value() const& { return require(true), std::get<0>(state_); }
  T&& value() && { return require(true), std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The error; throws std::logic_error when the Result holds a value.
  const GatewayError& error() const { return require(false), std::get<1>(state_); }

 private:
  void require(bool wantValue) const {
    if (ok() != wantValue) {
      throw std::logic_error(wantValue ? "Result holds an error" : "Result holds a value");
    }
  }

  std::variant<T, GatewayError> state_;
};

// Success without a value, or the error. A default-constructed Result<void> is a success.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(GatewayError error) : error_(std::move(error)) {}

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }

  // The error; throws std::logic_error when the Result is a success.
  const GatewayError& error() const {
    if (!error_) throw std::logic_error("Result holds a value");
    return *error_;
  }

 private:
  std::optional<GatewayError> error_;
};

}  // namespace openclaw::protocol
