// Dual-use application terms, matched with the select stage's Hyperscan KeywordMatcher: one
// compiled database over every form of every term, so a work costs one scan per field.
#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <simdjson.h>

#include "common/ascii.h"
#include "common/csv_table.h"
#include "risk/registry_format.h"
#include "risk/risk.h"
#include "select/keyword_matcher.h"

namespace entangle {
namespace {

struct Term {
  std::string family, lang, term;
};

}  // namespace

struct DualUseVocabulary::Impl {
  std::vector<Term> terms;
  std::vector<size_t> form_term;  // matcher pattern index -> term index
  std::vector<std::string> families;
  std::shared_ptr<const KeywordMatcher> matcher;
};

DualUseVocabulary::DualUseVocabulary() : impl_(std::make_shared<Impl>()) {}

Result<DualUseVocabulary> DualUseVocabulary::Load(const std::string& path) {
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
    Term entry{risk::TrimCopy(t.Cell(r, family)), risk::TrimCopy(t.Cell(r, lang)), risk::TrimCopy(t.Cell(r, term))};
    if (entry.family.empty() || entry.term.empty()) {
      return Status::InvalidArgument(fmt::format("{}: family and term must not be empty", t.Where(r)));
    }
    if (entry.lang != "en" && entry.lang != "zh") {
      return Status::InvalidArgument(fmt::format("{}: lang must be \"en\" or \"zh\", not \"{}\"", t.Where(r), entry.lang));
    }
    std::vector<std::string> all{entry.term};
    for (std::string& v : risk::SplitList(t.Cell(r, variants))) all.push_back(std::move(v));
    for (const std::string& form : all) {
      std::string key = AsciiLower(form);
      if (!seen.emplace(entry.family, key).second) {
        return Status::InvalidArgument(
            fmt::format("{}: \"{}\" is listed twice in family {}", t.Where(r), form, entry.family));
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
  Result<std::shared_ptr<const KeywordMatcher>> matcher = KeywordMatcher::Compile(forms);
  if (!matcher.ok()) return Status::InvalidArgument(fmt::format("{}: {}", path, matcher.status().message()));
  impl->matcher = std::move(*matcher);
  DualUseVocabulary vocabulary;
  vocabulary.impl_ = std::move(impl);
  return vocabulary;
}

std::vector<VocabularyHit> DualUseVocabulary::Find(std::string_view title, std::string_view abstract,
                                                   const std::vector<std::string>& keywords) const {
  std::vector<VocabularyHit> hits;
  const Impl& impl = *impl_;
  if (!impl.matcher) return hits;
  // Allocating Hyperscan scratch costs more than scanning a title and abstract: keep one per
  // thread, holding its matcher alive so the address cannot be reused by another database.
  thread_local std::shared_ptr<const KeywordMatcher> scratch_owner;
  thread_local std::unique_ptr<KeywordMatcher::Scratch> cached_scratch;
  if (scratch_owner != impl.matcher) {
    cached_scratch = std::make_unique<KeywordMatcher::Scratch>(*impl.matcher);
    scratch_owner = impl.matcher;
  }
  KeywordMatcher::Scratch& scratch = *cached_scratch;
  auto scan = [&](std::string_view text, const char* field, size_t item) {
    // Hyperscan's UTF-8 mode needs valid input; the scan only stores valid UTF-8, so a bad
    // field can only come from elsewhere and is skipped rather than half-matched.
    if (text.empty() || !simdjson::validate_utf8(text.data(), text.size())) return;
    std::vector<KeywordMatcher::Hit> found = impl.matcher->FindAll(text, scratch);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.begin, a.end, a.term) < std::tie(b.begin, b.end, b.term);
    });
    std::set<std::tuple<size_t, size_t, size_t>> reported;  // (term, begin, end): variants may coincide
    for (const KeywordMatcher::Hit& h : found) {
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

}  // namespace entangle
