// Sources (journals, conferences, repositories) and countries of the synthetic corpus. Source ids, names,
// ISSN-L and publishers are real OpenAlex values seen in shared/data/openalex (CC0).
#include "synth/tables.h"

namespace entangle::synth {

const std::vector<SourceDef>& Sources() {
  static const std::vector<SourceDef> kSources = {
      {"S199944782", "IEEE Transactions on Pattern Analysis and Machine Intelligence", "0162-8828", "journal",
       "P4310320439", "IEEE Computer Society", true},
      {"S2485537415", "IEEE Access", "2169-3536", "journal", "P4310319808",
       "Institute of Electrical and Electronics Engineers", true},
      {"S414566", "Pattern Recognition", "0031-3203", "journal", "P4310320990", "Elsevier BV", true},
      {"S10169007", "Knowledge-Based Systems", "0950-7051", "journal", "P4310320990", "Elsevier BV", true},
      {"S192650101", "Information Sciences", "0020-0255", "journal", "P4310320990", "Elsevier BV", true},
      {"S13144211", "Expert Systems with Applications", "0957-4174", "journal", "P4310320990", "Elsevier BV", true},
      {"S25538012", "International Journal of Computer Vision", "0920-5691", "journal", "P4310319900",
       "Springer Science+Business Media", true},
      {"S4210175523", "IEEE Transactions on Neural Networks and Learning Systems", "2162-237X", "journal",
       "P4310319808", "Institute of Electrical and Electronics Engineers", true},
      {"S151820558", "Pattern Recognition Letters", "0167-8655", "journal", "P4310320990", "Elsevier BV", true},
      {"S58069681", "IEEE Transactions on Medical Imaging", "0278-0062", "journal", "P4310319808",
       "Institute of Electrical and Electronics Engineers", true},
      {"S4210191458", "Proceedings of the AAAI Conference on Artificial Intelligence", "2159-5399", "conference",
       "P4310320058", "Association for the Advancement of Artificial Intelligence", true},
      {"S4363607701", "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "", "conference",
       "", "", true},
      {"S4363607764", "2021 IEEE/CVF International Conference on Computer Vision (ICCV)", "", "conference", "", "",
       true},
      {"S4306420609", "Neural Information Processing Systems", "", "conference", "", "", true},
      {"S4306419637", "International Conference on Learning Representations", "", "conference", "", "", true},
      {"S4306419644", "International Conference on Machine Learning", "", "conference", "", "", true},
      {"S4306419999", "International Joint Conference on Artificial Intelligence", "", "conference", "", "", true},
      {"S101949793", "Sensors", "1424-8220", "journal", "P4310310987", "Multidisciplinary Digital Publishing Institute",
       true},
      {"S4210205812", "Applied Sciences", "2076-3417", "journal", "P4310310987",
       "Multidisciplinary Digital Publishing Institute", true},
      {"S7560371", "Information Fusion", "1566-2535", "journal", "P4310320990", "Elsevier BV", true},
      {"S122814990", "Artificial Intelligence Review", "0269-2821", "journal", "P4310319900",
       "Springer Science+Business Media", true},
      {"S4210169297", "IEEE/ACM Transactions on Audio Speech and Language Processing", "2329-9290", "journal",
       "P4310319808", "Institute of Electrical and Electronics Engineers", true},
      {"S118988714", "Journal of Machine Learning Research", "1532-4435", "journal", "P4310315718", "The MIT Press",
       true},
      {"S106296714", "Lecture notes in computer science", "0302-9743", "book series", "P4310319900",
       "Springer Science+Business Media", true},
      {"S30698027", "IEEE Transactions on Knowledge and Data Engineering", "1041-4347", "journal", "P4310320439",
       "IEEE Computer Society", true},
      {"S157921468", "ACM Computing Surveys", "0360-0300", "journal", "P4310319798",
       "Association for Computing Machinery", true},
      {"S4363608757", "Proceedings of the 30th ACM International Conference on Multimedia", "", "conference", "", "",
       true},
      {"S174847851", "Information Processing & Management", "0306-4573", "journal", "P4310320990", "Elsevier BV",
       true},
      {"S137773608", "Nature", "0028-0836", "journal", "P4310319908", "Nature Portfolio", false},
      {"S3880285", "Science", "0036-8075", "journal", "P4310315823",
       "American Association for the Advancement of Science", false},
      {"S202381698", "PLoS ONE", "1932-6203", "journal", "P4310315706", "Public Library of Science", false},
      {"S64187185", "Nature Communications", "2041-1723", "journal", "P4310319908", "Nature Portfolio", false},
      {"S125754415", "Proceedings of the National Academy of Sciences", "0027-8424", "journal", "P4310320052",
       "National Academy of Sciences", false},
      {"S86852077", "The Science of The Total Environment", "0048-9697", "journal", "P4310320990", "Elsevier BV",
       false},
      {"S9692511", "Frontiers in Psychology", "1664-1078", "journal", "P4310320527", "Frontiers Media", false},
      {"S106822843", "Social Science & Medicine", "0277-9536", "journal", "P4310320990", "Elsevier BV", false},
      {"S13479253", "Environmental Science & Technology", "0013-936X", "journal", "P4310320006",
       "American Chemical Society", false},
      {"S2737558550", "Royal Society Open Science", "2054-5703", "journal", "P4310319787", "Royal Society", false},
      {"S2737737698", "Advanced Science", "2198-3844", "journal", "P4310320595", "Wiley", false},
      {"S2898358376", "iScience", "2589-0042", "journal", "P4310315673", "Cell Press", false},
      {"S26018076", "Computational Materials Science", "0927-0256", "journal", "P4310320990", "Elsevier BV", false},
      {"S4306400194", "arXiv (Cornell University)", "", "repository", "", "", true},
  };
  return kSources;
}

const std::vector<CountryDef>& Countries() {
  // name_region: 0 Chinese, 1 English, 2 German, 3 French, 4 Italian, 5 Iberian, 6 Nordic, 7 Dutch,
  // 8 Central/Eastern European, 9 Indian, 10 Japanese, 11 Korean, 12 Middle Eastern, 13 Greek.
  static const std::vector<CountryDef> kCountries = {
      {"AT", "Austria", 2},        {"BE", "Belgium", 7},       {"BG", "Bulgaria", 8},     {"HR", "Croatia", 8},
      {"CY", "Cyprus", 13},        {"CZ", "Czechia", 8},       {"DK", "Denmark", 6},      {"EE", "Estonia", 8},
      {"FI", "Finland", 6},        {"FR", "France", 3},        {"DE", "Germany", 2},      {"GR", "Greece", 13},
      {"HU", "Hungary", 8},        {"IE", "Ireland", 1},       {"IT", "Italy", 4},        {"LV", "Latvia", 8},
      {"LT", "Lithuania", 8},      {"LU", "Luxembourg", 3},    {"MT", "Malta", 4},        {"NL", "Netherlands", 7},
      {"PL", "Poland", 8},         {"PT", "Portugal", 5},      {"RO", "Romania", 8},      {"SK", "Slovakia", 8},
      {"SI", "Slovenia", 8},       {"ES", "Spain", 5},         {"SE", "Sweden", 6},       {"GB", "United Kingdom", 1},
      {"NO", "Norway", 6},         {"CH", "Switzerland", 2},   {"CN", "China", 0},        {"HK", "Hong Kong", 0},
      {"MO", "Macao", 0},          {"TW", "Taiwan", 0},        {"US", "United States", 1}, {"CA", "Canada", 1},
      {"AU", "Australia", 1},      {"SG", "Singapore", 0},     {"JP", "Japan", 10},       {"KR", "South Korea", 11},
      {"IN", "India", 9},          {"SA", "Saudi Arabia", 12}, {"AE", "United Arab Emirates", 12},
      {"IL", "Israel", 12},        {"BR", "Brazil", 5},        {"KY", "Cayman Islands", 1},
  };
  return kCountries;
}

const CountryDef* FindCountry(std::string_view code) {
  // Called per authorship: a direct table over the two letters instead of a search.
  static const std::vector<const CountryDef*> kByCode = [] {
    std::vector<const CountryDef*> t(26 * 26, nullptr);
    for (const auto& c : Countries()) t[static_cast<size_t>((c.code[0] - 'A') * 26 + (c.code[1] - 'A'))] = &c;
    return t;
  }();
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return nullptr;
  return kByCode[static_cast<size_t>((code[0] - 'A') * 26 + (code[1] - 'A'))];
}

}  // namespace entangle::synth
