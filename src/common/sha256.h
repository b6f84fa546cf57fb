#pragma once
// SHA-256 (OpenSSL) as lowercase hex: the fingerprint of a study definition's text.
#include <string>
#include <string_view>

namespace entangle {

std::string Sha256Hex(std::string_view data);

}  // namespace entangle
