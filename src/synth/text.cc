#include "synth/text.h"

#include <algorithm>
#include <cctype>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

constexpr char kSuffixes[] = {'\0', '.', ',', ':'};
// Sentences by index in Words().sentences: those that read as AI work, those that read as other science.
constexpr int kAiSentences[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 19};
constexpr int kOtherSentences[] = {0, 1, 7, 9, 10, 15, 16, 17, 18, 19};
constexpr const char* kTermSentences[] = {
    "We apply the proposed approach to {X} in realistic settings.",
    "Experiments on {X} benchmarks confirm the effectiveness of the method.",
    "The method is further validated on {X}.",
    "Applications to {X} are discussed.",
};
constexpr const char* kTermTitles[] = {"{M} for {X}", "{A} {X} with {M}", "{X} via {A} {M}", "Towards {A} {X}"};
constexpr const char* kCaseTitles[] = {
    "Information extraction from remote sensing image data with multi-scale deep networks",
    "Detecting abnormal behaviour in video surveillance with spatio-temporal autoencoders",
};

struct MainChoice {
  const char* method;
  const char* task;
  size_t method_index, task_index;
};

// The work's main method and task, shared by its title and abstract.
MainChoice Main(const WorkPlan& plan) {
  const Vocabulary& v = Words();
  Rng rng(Mix(plan.id, 0x7e57));
  const auto& methods = plan.ai_text ? v.ai_methods : v.other_methods;
  const auto& tasks = plan.ai_text ? v.ai_tasks : v.other_tasks;
  size_t m = rng.Below(methods.size()), t = rng.Below(tasks.size());
  return {methods[m], tasks[t], m, t};
}

void AppendSlot(Rng& rng, char slot, const MainChoice& main, const char* term, std::string& out) {
  const Vocabulary& v = Words();
  switch (slot) {
    case 'M': out += main.method; break;
    case 'T': out += main.task; break;
    case 'A': out += v.adjectives[rng.Below(v.adjectives.size())]; break;
    case 'X': out += term; break;
    default: break;
  }
}

void AppendTemplate(Rng& rng, std::string_view tmpl, const MainChoice& main, const char* term, std::string& out) {
  size_t start = out.size();
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 2] == '}') {
      AppendSlot(rng, tmpl[i + 1], main, term, out);
      i += 2;
    } else {
      out += tmpl[i];
    }
  }
  if (start < out.size() && std::islower(static_cast<unsigned char>(out[start]))) {
    out[start] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[start])));
  }
}

}  // namespace

const TextModel& TextModel::Get() {
  static const TextModel kModel;
  return kModel;
}

int32_t TextModel::Intern(std::string_view word) {
  auto it = std::lower_bound(index_.begin(), index_.end(), word,
                             [](const auto& e, std::string_view w) { return e.first < w; });
  if (it != index_.end() && it->first == word) return it->second;
  int32_t id = static_cast<int32_t>(words_.size());
  words_.emplace_back(word);
  index_.insert(it, {std::string(word), id});
  return id;
}

std::vector<int32_t> TextModel::Phrase(std::string_view text) {
  std::vector<int32_t> ids;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) ids.push_back(Intern(text.substr(i, j - i)));
    i = j + 1;
  }
  return ids;
}

TextModel::Sentence TextModel::Parse(std::string_view text) {
  Sentence s;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view tok = text.substr(i, j - i);
    uint8_t suffix = 0;
    if (!tok.empty()) {
      char last = tok.back();
      for (uint8_t k = 1; k < 4; ++k) {
        if (last == kSuffixes[k]) suffix = k;
      }
      if (suffix != 0) tok.remove_suffix(1);
      int32_t id;
      if (tok.size() == 3 && tok[0] == '{' && tok[2] == '}') {
        static constexpr char kSlots[] = "MTDANX";
        id = -1 - static_cast<int32_t>(std::string_view(kSlots).find(tok[1]));
      } else {
        id = Intern(tok);
      }
      s.tokens.push_back(id);
      s.suffixes.push_back(suffix);
    }
    i = j + 1;
  }
  return s;
}

TextModel::TextModel() {
  const Vocabulary& v = Words();
  for (int n = 2; n < 100; ++n) {
    int32_t id = Intern(std::to_string(n));
    if (n == 2) number_base_ = id;
  }
  for (int i : kAiSentences) ai_sentences_.push_back(Parse(v.sentences[static_cast<size_t>(i)]));
  for (int i : kOtherSentences) other_sentences_.push_back(Parse(v.sentences[static_cast<size_t>(i)]));
  for (const char* s : kTermSentences) term_sentences_.push_back(Parse(s));
  for (const char* p : v.ai_methods) ai_methods_.push_back(Phrase(p));
  for (const char* p : v.ai_tasks) ai_tasks_.push_back(Phrase(p));
  for (const char* p : v.other_methods) other_methods_.push_back(Phrase(p));
  for (const char* p : v.other_tasks) other_tasks_.push_back(Phrase(p));
  for (const char* p : v.datasets) datasets_.push_back(Phrase(p));
  for (const char* p : v.adjectives) adjectives_.push_back(Phrase(p));
  for (const auto& family : DualUseFamilies()) {
    auto& terms = terms_.emplace_back();
    for (const char* t : family.planted_terms) terms.push_back(Phrase(t));
  }
  index_.clear();
  index_.shrink_to_fit();
}

void TextModel::Expand(Rng& rng, const Sentence& s, const std::vector<int32_t>& method,
                       const std::vector<int32_t>& task, const std::vector<int32_t>* term,
                       std::vector<uint32_t>& out) const {
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const uint32_t suffix = s.suffixes[i];
    const int32_t t = s.tokens[i];
    if (t >= 0) {
      out.push_back(static_cast<uint32_t>(t) * 4 + suffix);
      continue;
    }
    if (t == -5) {  // {N}
      out.push_back(static_cast<uint32_t>(number_base_ + static_cast<int32_t>(rng.Below(98))) * 4 + suffix);
      continue;
    }
    const std::vector<int32_t>* phrase = nullptr;
    switch (t) {
      case -1: phrase = &method; break;
      case -2: phrase = &task; break;
      case -3: phrase = &datasets_[rng.Below(datasets_.size())]; break;
      case -4: phrase = &adjectives_[rng.Below(adjectives_.size())]; break;
      default: phrase = term; break;
    }
    if (phrase == nullptr || phrase->empty()) continue;
    for (size_t k = 0; k < phrase->size(); ++k) {
      out.push_back(static_cast<uint32_t>((*phrase)[k]) * 4 + (k + 1 == phrase->size() ? suffix : 0));
    }
  }
}

void TextModel::AppendTitle(Rng& rng, const WorkPlan& plan, std::string& out) const {
  if (plan.case_study >= 0) {
    out += kCaseTitles[plan.case_study];
    return;
  }
  const Vocabulary& v = Words();
  const MainChoice main = Main(plan);
  const PlannedTerm* in_title[2] = {nullptr, nullptr};
  int n = 0;
  for (const auto& term : plan.terms) {
    if (term.in_title && n < 2) in_title[n++] = &term;
  }
  auto term_text = [](const PlannedTerm* t) { return DualUseFamilies()[t->family].planted_terms[t->term]; };
  if (n == 0) {
    std::string_view tmpl = v.title_templates[rng.Below(v.title_templates.size())];
    if (rng.Chance(0.03)) {
      // A quoted method name: the title carries JSON escapes.
      out += "Revisiting \\\"";
      out += main.method;
      out += "\\\" for ";
      out += main.task;
      return;
    }
    AppendTemplate(rng, tmpl, main, nullptr, out);
  } else {
    AppendTemplate(rng, kTermTitles[rng.Below(std::size(kTermTitles))], main, term_text(in_title[0]), out);
    if (n == 2) {
      out += " and ";
      out += term_text(in_title[1]);
    }
  }
  double u = rng.Uniform();
  if (u < 0.01) {
    out += " \\u2013 a case study";  // en dash, escaped
  } else if (u < 0.02) {
    out += " \xE2\x80\x94 an empirical study";  // em dash, raw UTF-8
  }
}

void TextModel::BuildAbstract(Rng& rng, const WorkPlan& plan, std::vector<uint32_t>& tokens) const {
  tokens.clear();
  const MainChoice main = Main(plan);
  const auto& method = plan.ai_text ? ai_methods_[main.method_index] : other_methods_[main.method_index];
  const auto& task = plan.ai_text ? ai_tasks_[main.task_index] : other_tasks_[main.task_index];
  const auto& sentences = plan.ai_text ? ai_sentences_ : other_sentences_;
  const int count = rng.Range(5, 12);
  // Planted terms not in the title go at random sentence positions.
  int term_at[4] = {-1, -1, -1, -1};
  const PlannedTerm* pending[4] = {};
  int n_pending = 0;
  for (const auto& term : plan.terms) {
    if ((!term.in_title || plan.case_study >= 0) && n_pending < 4) {
      pending[n_pending] = &term;
      term_at[n_pending++] = static_cast<int>(rng.Below(static_cast<uint64_t>(count)));
    }
  }
  Expand(rng, sentences[0], method, task, nullptr, tokens);
  for (int i = 1; i < count; ++i) {
    Expand(rng, sentences[rng.Below(sentences.size())], method, task, nullptr, tokens);
    for (int k = 0; k < n_pending; ++k) {
      if (term_at[k] == i || (term_at[k] == 0 && i == 1)) {
        const auto& term = terms_[pending[k]->family][pending[k]->term];
        Expand(rng, term_sentences_[rng.Below(term_sentences_.size())], method, task, &term, tokens);
      }
    }
  }
}

void TextModel::WriteInvertedIndex(const std::vector<uint32_t>& tokens, JsonWriter& w) const {
  thread_local std::vector<int32_t> slot_of_key;
  thread_local std::vector<uint32_t> keys;
  thread_local std::vector<std::vector<uint32_t>> positions;
  thread_local std::string key;
  slot_of_key.resize(words_.size() * 4, -1);
  keys.clear();
  for (size_t pos = 0; pos < tokens.size(); ++pos) {
    const uint32_t k = tokens[pos];
    int32_t& s = slot_of_key[k];
    if (s < 0) {
      s = static_cast<int32_t>(keys.size());
      keys.push_back(k);
      if (positions.size() < keys.size()) positions.emplace_back();
      positions[static_cast<size_t>(s)].clear();
    }
    positions[static_cast<size_t>(s)].push_back(static_cast<uint32_t>(pos));
  }
  w.BeginObject();
  for (size_t i = 0; i < keys.size(); ++i) {
    key = words_[keys[i] / 4];
    if (keys[i] % 4 != 0) key += kSuffixes[keys[i] % 4];
    w.Key(key);
    w.BeginArray();
    for (uint32_t p : positions[i]) w.Int(p);
    w.EndArray();
    slot_of_key[keys[i]] = -1;
  }
  w.EndObject();
}

void TextModel::AppendAbstractText(const std::vector<uint32_t>& tokens, std::string& out) const {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) out += ' ';
    out += words_[tokens[i] / 4];
    if (tokens[i] % 4 != 0) out += kSuffixes[tokens[i] % 4];
  }
}

}  // namespace entangle::synth
