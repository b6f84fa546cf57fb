#pragma once
// Titles and abstracts. Abstracts are token sequences over a fixed dictionary (every word of the vocabulary,
// split on spaces, with a punctuation suffix), written as OpenAlex's abstract_inverted_index. Planted dual-use
// terms go into the title or the abstract as the plan says; no other text contains such a term.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "synth/json_writer.h"
#include "synth/rng.h"
#include "synth/work_plan.h"

namespace entangle::synth {

class TextModel {
 public:
  static const TextModel& Get();

  // Appends the title (JSON-safe, escapes included) to `out`.
  void AppendTitle(Rng& rng, const WorkPlan& plan, std::string& out) const;
  // Fills `tokens` with the abstract: token id * 4 + suffix (0 none, 1 '.', 2 ',', 3 ':').
  void BuildAbstract(Rng& rng, const WorkPlan& plan, std::vector<uint32_t>& tokens) const;
  // Writes {"word": [positions], ...} in order of first occurrence.
  void WriteInvertedIndex(const std::vector<uint32_t>& tokens, JsonWriter& w) const;
  // Appends the abstract as plain text (words joined by single spaces), for tests and keywords.
  void AppendAbstractText(const std::vector<uint32_t>& tokens, std::string& out) const;

  size_t dictionary_size() const { return words_.size(); }

 private:
  TextModel();
  struct Sentence {
    std::vector<int32_t> tokens;    // >= 0: token id; < 0: slot (-1 M, -2 T, -3 D, -4 A, -5 N, -6 X)
    std::vector<uint8_t> suffixes;  // per token
  };
  int32_t Intern(std::string_view word);
  Sentence Parse(std::string_view text);
  std::vector<int32_t> Phrase(std::string_view text);
  void Expand(Rng& rng, const Sentence& s, const std::vector<int32_t>& method, const std::vector<int32_t>& task,
              const std::vector<int32_t>* term, std::vector<uint32_t>& out) const;

  std::vector<std::string> words_;
  std::vector<std::pair<std::string, int32_t>> index_;  // sorted, for Intern during construction
  std::vector<Sentence> ai_sentences_, other_sentences_, term_sentences_;
  std::vector<std::vector<int32_t>> ai_methods_, ai_tasks_, other_methods_, other_tasks_, datasets_, adjectives_;
  std::vector<std::vector<std::vector<int32_t>>> terms_;  // [family][term]
  int32_t number_base_ = 0;  // token ids of "2".."99" start here
};

}  // namespace entangle::synth
