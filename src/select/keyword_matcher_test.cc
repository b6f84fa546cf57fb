// KeywordMatcher's two kinds of report: spans (the dual-use vocabulary's evidence: which term, where)
// and "which terms occur" (a study's field rules), and KeywordLists, several lists in one database.
#include "select/keyword_matcher.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace entangle::select {
namespace {

TEST(KeywordMatcherTest, SpansGiveEveryHitWithWhereItIs) {
  auto matcher = KeywordMatcher::Compile({"qubit", "quantum computing", "C++"});
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  KeywordMatcher::Scratch scratch(**matcher);
  const std::string text = "A qubit, Quantum  computing in C++ and a qubit; no qubits.";
  std::vector<KeywordMatcher::Hit> hits = (*matcher)->FindAll(text, scratch);
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(text.substr(hits[0].begin, hits[0].end - hits[0].begin), "qubit");
  EXPECT_EQ(text.substr(hits[1].begin, hits[1].end - hits[1].begin), "Quantum  computing");
  EXPECT_EQ(hits[2].term, 2u);
  EXPECT_EQ(text.substr(hits[3].begin, hits[3].end - hits[3].begin), "qubit");
  EXPECT_EQ(hits[3].begin, text.find("a qubit;") + 2);
}

TEST(KeywordMatcherTest, AnyMatchReportsTheTermsThatOccur) {
  auto matcher =
      KeywordMatcher::Compile({"qubit", "quantum computing", "C++", "ion trap"}, KeywordMatcher::Reports::kAnyMatch);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  KeywordMatcher::Scratch scratch(**matcher);
  const std::string text = "A qubit, Quantum  computing in C++ and a qubit; no qubits.";
  std::set<unsigned> terms;
  auto on_term = [](unsigned term, void* context) -> int {
    static_cast<std::set<unsigned>*>(context)->insert(term);
    return 0;
  };
  (*matcher)->ScanTerms(text, scratch, on_term, &terms);
  EXPECT_EQ(terms, (std::set<unsigned>{0, 1, 2}));
  EXPECT_TRUE((*matcher)->AnyMatch(text, scratch));
  EXPECT_FALSE((*matcher)->AnyMatch("qubits and ion traps", scratch));
}

// Substrings, for a quick test that may only say too much: no word boundaries, ASCII case folded.
TEST(KeywordMatcherTest, SubstringsMatchInsideWordsAndInAnyCase) {
  auto matcher = KeywordMatcher::CompileSubstrings({"comput", "C++", "qubit"});
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  KeywordMatcher::Scratch scratch(**matcher);
  std::set<unsigned> terms;
  auto on_term = [](unsigned term, void* context) -> int {
    static_cast<std::set<unsigned>*>(context)->insert(term);
    return 0;
  };
  (*matcher)->ScanTerms(R"({"QUANTUM": [0], "Computing": [1], "multiqubits": [2]})", scratch, on_term, &terms);
  EXPECT_EQ(terms, (std::set<unsigned>{0, 2}));
  EXPECT_TRUE((*matcher)->AnyMatch("in c++17", scratch));
  EXPECT_FALSE((*matcher)->AnyMatch("a compiler in C+", scratch));
  EXPECT_FALSE(KeywordMatcher::CompileSubstrings({}).ok());
  EXPECT_FALSE(KeywordMatcher::CompileSubstrings({"a", ""}).ok());
}

TEST(KeywordListsTest, ATermInTwoListsIsReportedForEach) {
  auto lists =
      KeywordLists::Compile({{"qubit", "photonic chip"}, {"photonic chip", "transistor"}, {"qubit", "photonic chip"}});
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  ASSERT_EQ((*lists)->lists.size(), 2u);  // the third is the first again
  EXPECT_EQ((*lists)->IndexOf({"photonic chip", "transistor"}), 1);
  EXPECT_EQ((*lists)->IndexOf({"transistor"}), -1);
  KeywordMatcher::Scratch scratch(*(*lists)->matcher);
  std::set<uint32_t> found;
  struct Context {
    const KeywordLists* lists;
    std::set<uint32_t>* found;
  } context{lists->get(), &found};
  auto on_term = [](unsigned term, void* c) -> int {
    Context& context = *static_cast<Context*>(c);
    context.found->insert(context.lists->list_of_term[term]);
    return 0;
  };
  (*lists)->matcher->ScanTerms("a photonic chip", scratch, on_term, &context);
  EXPECT_EQ(found, (std::set<uint32_t>{0, 1}));
}

// A list's own matcher from a shared database answers for its list alone.
TEST(KeywordListsTest, AListsMatcherIgnoresTheOtherListsTerms) {
  auto lists = KeywordLists::Compile({{"qubit", "photonic chip"}, {"transistor", "photonic chip"}});
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  ASSERT_EQ((*lists)->list_matchers.size(), 2u);
  const KeywordMatcher& second = *(*lists)->list_matchers[1];
  EXPECT_EQ(second.terms(), (std::vector<std::string>{"transistor", "photonic chip"}));
  KeywordMatcher::Scratch scratch(second);
  EXPECT_FALSE(second.AnyMatch("a qubit", scratch));
  EXPECT_TRUE(second.AnyMatch("a qubit and a transistor", scratch));
  std::vector<KeywordMatcher::Hit> hits = second.FindAll("a qubit, a photonic chip", scratch);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].term, 1u);  // its own numbering
  std::vector<unsigned> terms;
  auto on_term = [](unsigned term, void* context) -> int {
    static_cast<std::vector<unsigned>*>(context)->push_back(term);
    return 0;
  };
  second.ScanTerms("qubit transistor qubit", scratch, on_term, &terms);
  EXPECT_EQ(terms, (std::vector<unsigned>{0}));
}

}  // namespace
}  // namespace entangle::select
