#pragma once
// Internal: the words of a normalised name that "did you mean" candidates share. Latin-script
// words as they are; Chinese runs as overlapping character pairs, because Chinese names have no
// spaces (北京航空航天大学 -> 北京, 京航, 航空, ...).
#include <sqlite3.h>

#include <string>
#include <vector>

namespace entangle::screen {

std::vector<std::string> NameWords(const std::string& normalized);
bool HasScreenIndex(sqlite3* db);

}  // namespace entangle::screen
