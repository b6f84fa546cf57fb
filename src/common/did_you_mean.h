#pragma once
// Typo hints for names people type: the keys and values of a study definition, the CLI's
// subcommands and flags. One rule everywhere, so a hint means the same thing wherever it appears.
#include <cstddef>
#include <string_view>
#include <vector>

namespace entangle {

// Optimal-string-alignment distance, ASCII case-insensitive: typos are mostly one substitution,
// insertion, deletion or swap of neighbours ("nmae").
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate `word` most likely misspells, or "" when none is close enough to be a useful hint.
// Close enough: at most one edit per three characters of the shorter of the two (at least one), or
// one is a prefix of the other and both have four characters or more ("thread" for "threads").
// Words under three characters get no guess: every short name is "close" to every other.
// On a tie the earlier candidate wins, so callers list the likelier names first.
std::string_view DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace entangle
