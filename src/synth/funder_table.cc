// Funders of the synthetic corpus. Ids marked real_id are the funders' OpenAlex ids as seen in real records
// in shared/data/openalex; ids F91xxxxxxxx are made up. Award-id shapes imitate each programme's real ones.
#include "synth/tables.h"

namespace entangle::synth {

const std::vector<FunderDef>& Funders() {
  // award_pattern: '#' digit, '@' upper-case letter, '^' the 4-digit year, '|' separates alternatives.
  static const std::vector<FunderDef> kFunders = {
      // China: government programmes
      {"F4320321001", "01h0zpd94", "National Natural Science Foundation of China", "CN", "NSFC;国家自然科学基金委员会",
       "6#######|U1######|62######", true, true},
      {"F4320335777", "", "National Key Research and Development Program of China", "CN",
       "National Key R&D Program of China;国家重点研发计划", "^YF@#######", true, true},
      {"F9100000001", "", "National Defense Basic Scientific Research Program of China", "CN",
       "国防基础科研计划", "JCKY^###@###", true, false},
      {"F9100000002", "", "Fundamental Research Funds for the Central Universities", "CN", "中央高校基本科研业务费专项资金",
       "^JBM###|^ZY####||", true, false},
      {"F9100000003", "", "China Postdoctoral Science Foundation", "CN", "中国博士后科学基金", "^M######", true, false},
      {"F4320321921", "", "Natural Science Foundation of Guangdong Province", "CN", "广东省自然科学基金",
       "^A1515######", true, true},
      {"F4320316314", "", "Key Technologies Research and Development Program of Anhui Province", "CN", "",
       "#########", true, true},
      {"F9100000004", "", "Beijing Natural Science Foundation", "CN", "北京市自然科学基金", "4######|L######", true, false},
      {"F9100000005", "", "Science and Technology Commission of Shanghai Municipality", "CN", "上海市科学技术委员会",
       "###########", true, false},
      {"F9100000006", "", "Research Grants Council, University Grants Committee", "HK", "RGC", "1#######|C####-##@", false,
       false},
      // China: universities and companies that fund
      {"F9100000007", "", "Tsinghua University", "CN", "清华大学", "", false, false},
      {"F9100000008", "", "Zhejiang University", "CN", "浙江大学", "", false, false},
      {"F9100000009", "", "Huawei Technologies", "CN", "Huawei", "YBN^#######|", false, false},
      // Europe
      {"F4320338335", "", "H2020 European Research Council", "BE", "ERC", "######", false, true},
      {"F4320332999", "", "Horizon 2020 Framework Programme", "BE", "H2020", "######", false, true},
      {"F4320320300", "", "European Commission", "BE", "", "######|", false, true},
      {"F4320320879", "", "Deutsche Forschungsgemeinschaft", "DE", "DFG;German Research Foundation",
       "#########|EXC ####|SFB ###", false, true},
      {"F4320321114", "", "Bundesministerium für Bildung und Forschung", "DE", "BMBF", "01IS#####@|16KIS####", false,
       true},
      {"F4320334627", "", "Engineering and Physical Sciences Research Council", "GB", "EPSRC", "EP/@######/1", false,
       true},
      {"F9100000010", "", "UK Research and Innovation", "GB", "UKRI", "MR/@######/1|EP/@######/1", false, false},
      {"F4320320006", "03wnrjx87", "Royal Society", "GB", "", "IEC/NSFC/######|RGS/R#/######", false, true},
      {"F4320319993", "", "Leverhulme Trust", "GB", "", "RPG-^-###", false, true},
      {"F9100000011", "", "Swiss National Science Foundation", "CH", "SNSF", "200021_######", false, false},
      {"F9100000012", "", "Agence Nationale de la Recherche", "FR", "ANR", "ANR-##-@@@@-####", false, false},
      {"F9100000013", "", "Nederlandse Organisatie voor Wetenschappelijk Onderzoek", "NL", "NWO", "###.###.###", false,
       false},
      {"F9100000014", "", "Vetenskapsrådet", "SE", "Swedish Research Council", "^-#####", false, false},
      {"F9100000015", "", "Villum Fonden", "DK", "", "#####", false, false},
      {"F4320321108", "", "Academy of Finland", "FI", "", "######", false, true},
      {"F4320323299", "", "Norges Forskningsråd", "NO", "Research Council of Norway", "######", false, true},
      {"F4320321837", "", "Ministerio de Economía y Competitividad", "ES", "MINECO", "TIN^-#####-@", false, true},
      {"F4320335322", "", "European Regional Development Fund", "BE", "ERDF", "", false, true},
      // Rest of the world
      {"F4320306076", "021nxhr62", "National Science Foundation", "US", "NSF", "#######", false, true},
      {"F4320332180", "", "Defense Advanced Research Projects Agency", "US", "DARPA", "HR####-##-#-####", false, true},
      {"F4320334593", "", "Natural Sciences and Engineering Research Council of Canada", "CA", "NSERC", "RGPIN-^-#####",
       false, true},
  };
  return kFunders;
}

}  // namespace entangle::synth
