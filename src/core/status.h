#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace tb {

// Codes are chosen by what the caller should do next (STYLE.md §5); http/ alone maps them
// to HTTP statuses.
enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// Stable snake_case name of a code, used in problem+json bodies and logs ("invalid_argument").
std::string_view StatusCodeName(StatusCode code);

// The outcome of an operation that can fail in an expected way. `message` is for the user
// (what to fix); `field` names the offending input field or location (a JSON pointer, a CSV
// column, "file.csv:12"). Internal detail (SQL errors, paths) goes to logs, not here.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  // Returns a copy that names the offending field.
  Status WithField(std::string field) && {
    field_ = std::move(field);
    return std::move(*this);
  }
  Status WithField(std::string field) const& {
    Status copy = *this;
    copy.field_ = std::move(field);
    return copy;
  }
  // Returns a copy whose message is prefixed with `context` ("orders.csv:12: ...").
  Status WithContext(std::string_view context) const;

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // "invalid_argument: deadline is not a date (field: deadline)".
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

}  // namespace tb

#define TB_STATUS_CONCAT_INNER_(a, b) a##b
#define TB_STATUS_CONCAT_(a, b) TB_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not ok.
#define TB_RETURN_IF_ERROR(expr)                        \
  do {                                                  \
    ::tb::Status tb_status_ = (expr);                   \
    if (!tb_status_.ok()) return tb_status_;            \
  } while (false)

// `TB_ASSIGN_OR_RETURN(T x, ResultExpr)`: declares x from the value, or returns the Status.
#define TB_ASSIGN_OR_RETURN(lhs, expr) \
  TB_ASSIGN_OR_RETURN_IMPL_(TB_STATUS_CONCAT_(tb_result_, __LINE__), lhs, expr)
#define TB_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()
