#pragma once
// Internal: text made safe for XML 1.0 attribute values and element content.
#include <string>
#include <string_view>

namespace entangle::network {

// Escapes markup characters and tab/newline/return (so attribute values keep them), and
// replaces what XML 1.0 cannot carry at all (other control characters, U+FFFE/U+FFFF, invalid
// UTF-8) with U+FFFD. Institution names are UTF-8 in any script; those pass through unchanged.
std::string XmlEscape(std::string_view text);

}  // namespace entangle::network
