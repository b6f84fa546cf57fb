#pragma once
// A SYNTHETIC Crunchbase bulk export (funding_rounds.csv, investments.csv, investors.csv) shaped like
// the study's investment figures (STUDY.md: 8,037 rounds of 3,765 European AI companies, 98 with a
// China-based investor; 2,165 rounds of 1,194 Chinese AI companies, 81 with a Europe-based one),
// plus ground_truth.json: what `entangle invest` must find with the default study, computed from
// what was planted. Deals are raised in euros, so their totals need no exchange rate.
#include <cstdint>
#include <map>
#include <string>

#include "common/status.h"

namespace entangle::synth {

struct CrunchbaseSynthOptions {
  std::string out_dir;  // gets funding_rounds.csv, investments.csv, investors.csv, ground_truth.json, SYNTHETIC.txt
  uint64_t seed = 1;
  double scale = 1.0;  // 1: the study's counts; 0.1: a tenth of them (at least one of each)
};

struct CrunchbaseTruthDirection {
  uint64_t companies_in_field = 0, rounds_in_field = 0, deals = 0, deal_companies = 0, flagged_deals = 0;
  int64_t eur = 0;  // whole euros (every planted deal amount is a whole number of euros)
  std::map<int, uint64_t> deals_by_year;
  std::map<std::string, uint64_t> deals_by_round_type;
};

struct CrunchbaseSynthResult {
  uint64_t rounds = 0, investments = 0, investors = 0;
  uint64_t rounds_outside_period = 0, rounds_after_ipo = 0, rounds_outside_field = 0, rounds_outside_groups = 0;
  CrunchbaseTruthDirection into_europe, into_china;
};

Result<CrunchbaseSynthResult> WriteSyntheticCrunchbase(const CrunchbaseSynthOptions& options);

}  // namespace entangle::synth
