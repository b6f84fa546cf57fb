#include "cli/commands.h"

namespace entangle::cli {

// Filled in when the synthetic corpus generator lands.
void RegisterSynth(CLI::App&) {}

}  // namespace entangle::cli
