#include "common/status.h"

namespace entangle {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kUnsupported: name = "Unsupported"; break;
    case Code::kAborted: name = "Aborted"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace entangle
