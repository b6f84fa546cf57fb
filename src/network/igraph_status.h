#pragma once
// igraph errors as Status values. igraph aborts the process on errors by default; inside an
// IgraphErrorScope it reports them as return codes instead (freeing its own temporaries), and its
// warnings are not printed.
#include <igraph/igraph.h>

#include <string>

#include "common/status.h"

namespace entangle::network {

class IgraphErrorScope {
 public:
  IgraphErrorScope()
      : error_(igraph_set_error_handler(igraph_error_handler_ignore)),
        warning_(igraph_set_warning_handler(igraph_warning_handler_ignore)) {}
  ~IgraphErrorScope() {
    igraph_set_error_handler(error_);
    igraph_set_warning_handler(warning_);
  }
  IgraphErrorScope(const IgraphErrorScope&) = delete;
  IgraphErrorScope& operator=(const IgraphErrorScope&) = delete;

 private:
  igraph_error_handler_t* error_;
  igraph_warning_handler_t* warning_;
};

inline Status IgraphCheck(igraph_error_t rc, const char* what) {
  if (rc == IGRAPH_SUCCESS) return Status::OK();
  return Status::InvalidArgument(std::string("igraph ") + what + " failed: " + igraph_strerror(rc));
}

}  // namespace entangle::network
