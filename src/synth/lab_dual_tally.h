#pragma once
// What the labs exhibits and the researchers-on-both-sides exhibits must find in the corpus, counted
// from the plans of the joint works (planted and random alike) with the rules of docs/labs.md, written
// out here rather than computed with the product's matcher: a person is an author id (an authorship
// without one is a person of its own); a person holds a group when one of their authorships' countries
// is in it; a lab matches by one of its institution ids (SynthLabs()), by an institution's display name
// (without its "(Country)" qualifier) or by a whole comma/semicolon-separated part of a raw affiliation
// string equal to one of its affiliation names.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "synth/work_facts.h"
#include "synth/work_plan.h"

namespace entangle::synth {

struct LabDualTally {
  // Per lab (index into SynthLabs()).
  struct LabCounts {
    uint64_t works = 0, by_id = 0, by_name_only = 0;
    std::map<int, uint64_t> by_year;
    std::map<uint16_t, uint64_t> partners;  // institution -> joint works
  };
  std::map<size_t, LabCounts> labs;
  // Per lab owner (SynthLabDef::owner), side (bits: 1 = a, 2 = b) and year (0: all years): the joint
  // works through its labs and through its other institutions (an owner id as id or in the lineage,
  // not one of its matched labs' institutions), and the partners on the other side of each.
  struct OwnerCell {
    std::set<uint64_t> lab_works, other_works;
    std::set<uint16_t> lab_partners, other_partners;
  };
  std::map<std::tuple<std::string, int, int>, OwnerCell> owners;

  // Jointness: [via separate people, only via a dual affiliation, not in authorships].
  std::map<int, std::array<uint64_t, 3>> jointness_by_year;
  std::map<std::pair<char, CountryCode>, std::array<uint64_t, 3>> jointness_by_country;  // ('a'|'b', country)
  // A person: "A<id>" or "W<work>#<order>" for an authorship without an id.
  struct Person {
    uint64_t author_id = 0;
    std::set<uint64_t> works;
  };
  std::map<std::string, Person> dual_people;
  std::map<int, std::set<std::string>> dual_ids_by_year, dual_no_id_by_year;
  std::map<int, std::set<uint64_t>> dual_works_by_year;
  struct Pair {
    std::set<std::string> people;
    std::set<uint64_t> works;
  };
  std::map<std::pair<CountryCode, CountryCode>, Pair> country_pairs;
  std::map<std::pair<uint16_t, uint16_t>, Pair> institution_pairs;
  // Appearances on joint works of the authors that can sign several works (ids below
  // kFirstRandomAuthorId): (year, work id, groups held: bit 1 = a, bit 2 = b).
  std::map<uint64_t, std::vector<std::tuple<int, uint64_t, int>>> appearances;
  // The planted works written: (which, work id).
  std::vector<std::pair<int, uint64_t>> planted;

  void AddJoint(const WorkPlan& plan, const WorkFacts& facts);
  void Merge(const LabDualTally& other);
};

// The "labs" and "researchers_on_both_sides" objects of ground_truth.json's "planted".
nlohmann::ordered_json LabsJson(const LabDualTally& t);
nlohmann::ordered_json DualJson(const LabDualTally& t, int year_from, int year_to);

}  // namespace entangle::synth
