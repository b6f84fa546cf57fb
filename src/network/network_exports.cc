// WriteNetworkExports: every export of the network, under the file names the docs and the report use.
#include <filesystem>

#include "network/network.h"

namespace entangle::network {

Result<std::vector<std::string>> WriteNetworkExports(const InstitutionNetwork& network, const std::string& dir) {
  struct Export {
    const char* name;
    Status (*write)(const InstitutionNetwork&, const std::string&);
  };
  const Export exports[] = {{"institutions.gexf", &WriteGexf},
                            {"institutions.graphml", &WriteGraphml},
                            {"institutions.vosviewer.json", &WriteVosviewerJson},
                            {"institutions.network.json", &WriteNetworkJson}};
  std::vector<std::string> written;
  for (const Export& e : exports) {
    std::string path = (std::filesystem::path(dir) / e.name).string();
    ENTANGLE_RETURN_IF_ERROR(e.write(network, path));
    written.push_back(std::move(path));
  }
  return written;
}

}  // namespace entangle::network
