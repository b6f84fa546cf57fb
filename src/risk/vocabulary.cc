// Dual-use application terms, matched with the select stage's Hyperscan KeywordMatcher: one
// compiled database over every form of every term, so a work costs one scan per field. Compiling
// all ~600 forms takes about half a second, which a look-up of a few papers (`entangle screen`)
// must not pay: there (VocabularyUse::kFewTexts) each Find compiles only the forms whose words all
// occur in its texts, a handful at most, and keeps that small database for the next paper.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <simdjson.h>

#include "common/ascii.h"
#include "common/csv_table.h"
#include "risk/registry_format.h"
#include "risk/risk.h"
#include "select/keyword_matcher.h"

namespace entangle::risk {
namespace {

struct Term {
  std::string family, lang, term;
};

// A code point without case: CJK ideographs and punctuation, which a caseless match compares as is.
bool Caseless(uint32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

// What a text must contain for a form to match it (KeywordPattern: caseless, a space matching any
// run of white space): each piece between spaces, compared in ASCII lower case. A piece with
// other letters is required only by its ASCII runs (a caseless UTF-8 match may pair "é" with "É"),
// a piece of caseless CJK text as it is. Necessary, not sufficient: the matcher decides.
struct Needles {
  std::vector<std::string> pieces;
};

Needles NeedlesOf(const std::string& form) {
  Needles n;
  for (size_t at = 0; at <= form.size();) {
    const size_t end = std::min(form.find(' ', at), form.size());
    const std::string_view piece(form.data() + at, end - at);
    bool all_caseless = !piece.empty();
    std::string run;  // the current ASCII run, lower case
    for (size_t i = 0; i < piece.size();) {
      const auto c = static_cast<unsigned char>(piece[i]);
      if (c < 0x80) {
        run.push_back(AsciiLowerChar(piece[i]));
        all_caseless = false;
        ++i;
        continue;
      }
      if (!run.empty()) n.pieces.push_back(std::exchange(run, {}));
      const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      uint32_t cp = len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
      for (size_t k = 1; k < len && i + k < piece.size(); ++k) cp = (cp << 6) | (piece[i + k] & 0x3Fu);
      all_caseless = all_caseless && len > 1 && Caseless(cp);
      i += len;
    }
    if (!run.empty()) n.pieces.push_back(std::move(run));
    if (all_caseless) n.pieces.emplace_back(piece);
    at = end + 1;
  }
  return n;
}

// Texts in which a letter outside ASCII folds to an ASCII one (KELVIN SIGN to "k", LONG S to "s"):
// there the ASCII needles could miss a match, so every form is a candidate.
bool FoldsToAscii(std::string_view text) {
  return text.find("\xE2\x84\xAA") != std::string_view::npos || text.find("\xC5\xBF") != std::string_view::npos;
}

}  // namespace

struct DualUseVocabulary::Impl {
  std::vector<Term> terms;
  std::vector<size_t> form_term;  // form index -> term index
  std::vector<std::string> families;
  std::shared_ptr<const select::KeywordMatcher> matcher;  // of every form (kManyTexts)

  // kFewTexts: the forms, their needles, and the small databases compiled so far, by the forms
  // they hold (matcher pattern index -> form index).
  std::vector<std::string> forms;
  std::vector<Needles> needles;
  struct Small {
    std::vector<size_t> forms;
    std::shared_ptr<const select::KeywordMatcher> matcher;
  };
  mutable std::mutex small_mutex;
  mutable std::map<std::vector<size_t>, std::shared_ptr<const Small>> small;

  std::vector<size_t> CandidateForms(const std::vector<std::string_view>& texts) const;
  std::shared_ptr<const Small> SmallMatcher(std::vector<size_t> forms) const;
};

std::vector<size_t> DualUseVocabulary::Impl::CandidateForms(const std::vector<std::string_view>& texts) const {
  std::vector<size_t> out;
  std::string lower;
  bool all = false;
  for (std::string_view t : texts) {
    all = all || FoldsToAscii(t);
    for (char c : t) lower.push_back(AsciiLowerChar(c));
    lower.push_back('\n');  // a piece never spans two texts
  }
  for (size_t f = 0; f < forms.size(); ++f) {
    bool can = all || std::all_of(needles[f].pieces.begin(), needles[f].pieces.end(),
                                  [&](const std::string& p) { return lower.find(p) != std::string::npos; });
    if (can) out.push_back(f);
  }
  return out;
}

std::shared_ptr<const DualUseVocabulary::Impl::Small> DualUseVocabulary::Impl::SmallMatcher(
    std::vector<size_t> subset) const {
  std::lock_guard<std::mutex> lock(small_mutex);
  if (auto found = small.find(subset); found != small.end()) return found->second;
  std::vector<std::string> patterns;
  for (size_t f : subset) patterns.push_back(forms[f]);
  // KeywordPattern escapes every ASCII byte but letters and digits, and Load checked the UTF-8: no
  // part of the vocabulary fails to compile for its content (Hyperscan's own failure, e.g. out of
  // memory, would leave the part without a matcher and its texts unmarked).
  Result<std::shared_ptr<const select::KeywordMatcher>> m = select::KeywordMatcher::Compile(patterns);
  auto entry = std::make_shared<Small>(Small{subset, m.ok() ? std::move(*m) : nullptr});
  small.emplace(std::move(subset), entry);
  return entry;
}

DualUseVocabulary::DualUseVocabulary() : impl_(std::make_shared<Impl>()) {}

Result<DualUseVocabulary> DualUseVocabulary::Load(const std::string& path, VocabularyUse use) {
  CsvOptions options;
  options.delimiter = '\t';
  options.comments = true;
  options.quoting = false;  // notes quote words; no field spans lines
  Result<CsvTable> table = ReadCsvFile(path, options);
  if (!table.ok()) return table.status();
  const CsvTable& t = *table;
  const int family = t.Column("family"), lang = t.Column("lang"), term = t.Column("term");
  const int variants = t.Column("variants");
  if (family < 0 || lang < 0 || term < 0) {
    return Status::InvalidArgument(fmt::format("{}: a vocabulary needs the columns family, lang, term", path));
  }

  auto impl = std::make_shared<Impl>();
  std::vector<std::string> forms;
  std::set<std::tuple<std::string, std::string>> seen;  // (family, normal form of the term)
  for (size_t r = 0; r < t.rows.size(); ++r) {
    Term entry{TrimCopy(t.Cell(r, family)), TrimCopy(t.Cell(r, lang)), TrimCopy(t.Cell(r, term))};
    if (entry.family.empty() || entry.term.empty()) {
      return Status::InvalidArgument(fmt::format("{}: family and term must not be empty", t.Where(r)));
    }
    if (entry.lang != "en" && entry.lang != "zh") {
      return Status::InvalidArgument(fmt::format("{}: lang must be \"en\" or \"zh\", not \"{}\"", t.Where(r), entry.lang));
    }
    std::vector<std::string> all{entry.term};
    for (std::string& v : SplitList(t.Cell(r, variants))) all.push_back(std::move(v));
    for (const std::string& form : all) {
      std::string key = AsciiLower(form);
      if (!seen.emplace(entry.family, key).second) {
        return Status::InvalidArgument(
            fmt::format("{}: \"{}\" is listed twice in family {}", t.Where(r), form, entry.family));
      }
      if (!simdjson::validate_utf8(form.data(), form.size())) {
        return Status::InvalidArgument(fmt::format("{}: \"{}\" is not valid UTF-8", t.Where(r), form));
      }
      forms.push_back(form);
      impl->form_term.push_back(impl->terms.size());
    }
    if (std::find(impl->families.begin(), impl->families.end(), entry.family) == impl->families.end()) {
      impl->families.push_back(entry.family);
    }
    impl->terms.push_back(std::move(entry));
  }
  if (forms.empty()) return Status::InvalidArgument(fmt::format("{}: no terms", path));
  if (use == VocabularyUse::kFewTexts) {
    for (const std::string& form : forms) impl->needles.push_back(NeedlesOf(form));
    impl->forms = std::move(forms);
  } else {
    Result<std::shared_ptr<const select::KeywordMatcher>> matcher = select::KeywordMatcher::Compile(forms);
    if (!matcher.ok()) return Status::InvalidArgument(fmt::format("{}: {}", path, matcher.status().message()));
    impl->matcher = std::move(*matcher);
  }
  DualUseVocabulary vocabulary;
  vocabulary.impl_ = std::move(impl);
  return vocabulary;
}

std::vector<VocabularyHit> DualUseVocabulary::Find(std::string_view title, std::string_view abstract,
                                                   const std::vector<std::string>& keywords) const {
  std::vector<VocabularyHit> hits;
  const Impl& impl = *impl_;
  std::shared_ptr<const select::KeywordMatcher> matcher = impl.matcher;
  std::shared_ptr<const Impl::Small> small;  // kFewTexts: the forms these texts can hold
  if (!impl.forms.empty()) {
    std::vector<std::string_view> texts = {title, abstract};
    texts.insert(texts.end(), keywords.begin(), keywords.end());
    std::vector<size_t> candidates = impl.CandidateForms(texts);
    if (candidates.empty()) return hits;
    small = impl.SmallMatcher(std::move(candidates));
    matcher = small->matcher;
  }
  if (!matcher) return hits;
  // Allocating Hyperscan scratch costs more than scanning a title and abstract: keep one per
  // thread, holding its matcher alive so the address cannot be reused by another database.
  thread_local std::shared_ptr<const select::KeywordMatcher> scratch_owner;
  thread_local std::unique_ptr<select::KeywordMatcher::Scratch> cached_scratch;
  if (scratch_owner != matcher) {
    cached_scratch = std::make_unique<select::KeywordMatcher::Scratch>(*matcher);
    scratch_owner = matcher;
  }
  select::KeywordMatcher::Scratch& scratch = *cached_scratch;
  auto scan = [&](std::string_view text, const char* field, size_t item) {
    // Hyperscan's UTF-8 mode needs valid input; the scan only stores valid UTF-8, so a bad
    // field can only come from elsewhere and is skipped rather than half-matched.
    if (text.empty() || !simdjson::validate_utf8(text.data(), text.size())) return;
    std::vector<select::KeywordMatcher::Hit> found = matcher->FindAll(text, scratch);
    if (small) {  // pattern index of the small database -> form index (ascending, so the order holds)
      for (select::KeywordMatcher::Hit& h : found) h.term = small->forms[h.term];
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.begin, a.end, a.term) < std::tie(b.begin, b.end, b.term);
    });
    std::set<std::tuple<size_t, size_t, size_t>> reported;  // (term, begin, end): variants may coincide
    for (const select::KeywordMatcher::Hit& h : found) {
      const size_t term = impl.form_term[h.term];
      if (!reported.emplace(term, h.begin, h.end).second) continue;
      const Term& t = impl.terms[term];
      hits.push_back({t.family, t.term, t.lang, field, item, h.begin, h.end,
                      std::string(text.substr(h.begin, h.end - h.begin))});
    }
  };
  scan(title, "title", 0);
  scan(abstract, "abstract", 0);
  for (size_t i = 0; i < keywords.size(); ++i) scan(keywords[i], "keyword", i);
  return hits;
}

const std::vector<std::string>& DualUseVocabulary::families() const { return impl_->families; }
size_t DualUseVocabulary::term_count() const { return impl_->terms.size(); }

}  // namespace entangle::risk
