#pragma once
// The screening index: tables and indexes that `entangle screen` looks institutions up with, built
// from a study database. It has its own room below both of its users: `entangle analyze` builds
// it once a study is analysed, and the Screener (src/screen/) reads it, building it first when it
// is missing and the file is writable. Neither needs the other for it.
//
// Tables: screen_names(norm, institution_id) and screen_words(word, institution_id) over the
// institutions' display and other names (entities and work copies); per-institution aggregates
// screen_inst_works, screen_counts, screen_pairs and screen_topics; and the indexes screening
// needs: institutions(ror), work_institutions(ror), works(doi).
#include <sqlite3.h>

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace entangle::screen_index {

// Builds every table above in one transaction; idempotent. `before_writing`, if given, is called
// once the reading is done and before the first write: a caller whose other connections still
// read the database waits there for them to finish, so that the reading overlaps with theirs and
// the writing never waits for a reader. On failure the previous index, if any, stays as it was.
Status BuildScreenIndex(sqlite3* db, const std::function<void()>& before_writing = nullptr);

// True when the database holds a complete screening index.
bool HasScreenIndex(sqlite3* db);

// The words of a normalised name that "did you mean" candidates share: Latin-script words as
// they are; Chinese runs as overlapping character pairs, because Chinese names have no spaces
// (北京航空航天大学 -> 北京, 京航, 航空, ...). screen_words holds these words.
std::vector<std::string> NameWords(const std::string& normalized);

}  // namespace entangle::screen_index
