// Which synthetic institutions each row of data/registry/entangle-curated.csv denotes, stated by hand so
// that the ground truth of the flagged list's curated rows does not lean on the product's registry
// matcher (which the e2e tests check against it). Each row says why: the registry row's ROR id, OpenAlex
// id, or an English or Chinese name or registered alias that the institution carries. A row lists the
// institutions it names itself; their campuses and subsidiaries inherit the tie through the lineage
// (Tally::AddHome), as they do in the product. Rows with no institution name none of the synthetic
// ones (checked by name, alias, ROR and OpenAlex id when the table was written).
#include "synth/tables.h"

namespace entangle::synth {

const std::vector<CuratedEntryDef>& CuratedEntries() {
  static const std::vector<CuratedEntryDef> kCurated = {
      // Seven Sons of National Defence.
      {"entangle:beihang-university", "seven_sons", "I82880672"},  // ROR 00wk2mp56, OpenAlex I82880672, 北京航空航天大学
      {"entangle:beijing-institute-of-technology", "seven_sons", "I9100000026"},  // ROR 01skt4w74, 北京理工大学
      // ROR 01yqg2h08, OpenAlex I204983213, 哈尔滨工业大学; its Shenzhen campus I9100000128 by lineage.
      {"entangle:harbin-institute-of-technology", "seven_sons", "I204983213"},
      {"entangle:harbin-engineering-university", "seven_sons", "I9100000057"},  // ROR 03x80pn82, 哈尔滨工程大学
      {"entangle:northwestern-polytechnical-university", "seven_sons", "I9100000092"},  // ROR 01y0j0j86, 西北工业大学
      // ROR 01scyh794, 南京航空航天大学.
      {"entangle:nanjing-university-of-aeronautics-and-astronautics", "seven_sons", "I9100000078"},
      // ROR 00xp9wg62, OpenAlex I36399199, 南京理工大学.
      {"entangle:nanjing-university-of-science-and-technology", "seven_sons", "I36399199"},

      // People's Liberation Army.
      // ROR 05d2yfz11, OpenAlex I170215575, 中国人民解放军国防科技大学.
      {"entangle:national-university-of-defense-technology", "pla", "I170215575"},
      // No ROR id either side; alias "Academy of Military Science" is its name, 中国人民解放军军事科学院.
      {"entangle:academy-of-military-sciences", "pla", "I9100000001"},
      {"entangle:academy-of-military-medical-sciences", "pla", ""},  // no synthetic institution
      // ROR 00mm1qk40, 中国人民解放军信息工程大学 (the study's PLA Information Engineering University case).
      {"entangle:information-engineering-university", "pla", "I9100000065"},
      {"entangle:army-engineering-university", "pla", "I9100000017"},  // ROR 05mgp8x93, 中国人民解放军陆军工程大学
      {"entangle:naval-university-of-engineering", "pla", "I9100000084"},  // ROR 056vyez31, 中国人民解放军海军工程大学
      {"entangle:air-force-engineering-university", "pla", "I9100000006"},  // ROR 00seraz22, 中国人民解放军空军工程大学
      // ROR 00gg5zj35, 中国人民解放军火箭军工程大学.
      {"entangle:rocket-force-university-of-engineering", "pla", "I9100000101"},
      // ROR 05w21nn13, OpenAlex I151075929, 中国人民解放军陆军军医大学.
      {"entangle:army-medical-university", "pla", "I151075929"},
      // ROR 00ms48f15, OpenAlex I9916479, 中国人民解放军空军军医大学.
      {"entangle:air-force-medical-university", "pla", "I9916479"},
      // ROR 04tavpn47, OpenAlex I177933477 (OpenAlex names it Second Military Medical University, an alias).
      {"entangle:naval-medical-university", "pla", "I177933477"},
      {"entangle:chinese-pla-general-hospital", "pla", ""},  // no synthetic institution
      {"entangle:xijing-hospital", "pla", ""},               // no synthetic institution

      // Ministry of Public Security.
      // ROR 05twya590, 中国人民公安大学.
      {"entangle:peoples-public-security-university-of-china", "mps", "I9100000096"},
      // ROR 04vnevw94, 中国刑事警察学院.
      {"entangle:criminal-investigation-police-university-of-china", "mps", "I9100000047"},
      {"entangle:china-peoples-police-university", "mps", "I9100000038"},  // ROR 05mg82t36, 中国人民警察大学
      {"entangle:railway-police-college", "mps", "I9100000097"},  // no ROR id either side; 铁道警察学院
      {"entangle:mps-first-research-institute", "mps", ""},        // no synthetic institution
      {"entangle:mps-third-research-institute", "mps", ""},        // no synthetic institution
      {"entangle:mps-institute-of-forensic-science", "mps", ""},   // no synthetic institution

      // Ministry of State Security.
      {"entangle:university-of-international-relations", "mss", "I9100000118"},  // ROR 04r72en83, same English name
      {"entangle:jiangnan-social-university", "mss", "I9100000067"},  // ROR 03q5ve753, 江南社会学院
      {"entangle:china-institutes-of-contemporary-international-relations", "mss", ""},  // no synthetic institution

      // Defence-industry conglomerates and their academies.
      // ROR 02wq41p38, 中国航空工业集团有限公司.
      {"entangle:aviation-industry-corporation-of-china", "defence_industry", "I9100000023"},
      // No ROR id either side; same English name, 中国航空发动机集团有限公司.
      {"entangle:aero-engine-corporation-of-china", "defence_industry", "I9100000002"},
      // No ROR id in the row; same English name, and the institution's 中国航天科技集团 is a registered alias.
      {"entangle:china-aerospace-science-and-technology-corporation", "defence_industry", "I9100000032"},
      // ROR 0523vvf33, 中国航天科工集团有限公司.
      {"entangle:china-aerospace-science-and-industry-corporation", "defence_industry", "I9100000031"},
      // ROR 0098hst83, same English name; its 38th Research Institute I9100000129 by lineage.
      {"entangle:china-electronics-technology-group-corporation", "defence_industry", "I9100000035"},
      // No ROR id either side; same English name, and 中国船舶工业集团有限公司 is a registered alias.
      {"entangle:china-state-shipbuilding-corporation", "defence_industry", "I9100000041"},
      // ROR 0410k9915, 中国船舶重工集团有限公司.
      {"entangle:china-shipbuilding-industry-corporation", "defence_industry", "I9100000039"},
      // No ROR id either side; the institution's "China North Industries Group" and 中国兵器工业集团公司 are
      // registered aliases.
      {"entangle:china-north-industries-group-corporation", "defence_industry", "I9100000037"},
      // No ROR id either side; "China South Industries Group" is a registered alias, 中国兵器装备集团有限公司.
      {"entangle:china-south-industries-group-corporation", "defence_industry", "I9100000040"},
      // ROR 01d5ymp84, 中国核工业集团有限公司.
      {"entangle:china-national-nuclear-corporation", "defence_industry", "I9100000036"},
      // No synthetic institution: CASC (I9100000032) carries "China Academy of Space Technology (CAST)" among
      // its alternative names, but that names one of its academies, not CASC.
      {"entangle:china-academy-of-space-technology", "defence_industry", ""},
      {"entangle:china-academy-of-launch-vehicle-technology", "defence_industry", ""},  // likewise (CALT)

      // Civilian universities with documented defence links, named by the MERICS study.
      // ROR 05s92vm98, OpenAlex I149594827, 西安电子科技大学.
      {"entangle:xidian-university", "defence_linked", "I149594827"},
      // ROR 04jn0td46, 西安邮电大学 (the study's video-surveillance case).
      {"entangle:xian-university-of-posts-and-telecommunications", "defence_linked", "I9100000123"},
  };
  return kCurated;
}

}  // namespace entangle::synth
