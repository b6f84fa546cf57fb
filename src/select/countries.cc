// The country table and the named presets a study definition may use for its groups.
#include "select/countries.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "common/ascii.h"

namespace entangle::select {
namespace {

// ISO 3166-1 alpha-2 (from Debian's iso-codes, common names where ISO's are clumsy), plus XK
// for Kosovo, which OpenAlex and ROR use although ISO has not assigned it.
constexpr std::array<CountryInfo, 250> kCountries = {{
    {"AD", "Andorra", "AND"},
    {"AE", "United Arab Emirates", "ARE"},
    {"AF", "Afghanistan", "AFG"},
    {"AG", "Antigua and Barbuda", "ATG"},
    {"AI", "Anguilla", "AIA"},
    {"AL", "Albania", "ALB"},
    {"AM", "Armenia", "ARM"},
    {"AO", "Angola", "AGO"},
    {"AQ", "Antarctica", "ATA"},
    {"AR", "Argentina", "ARG"},
    {"AS", "American Samoa", "ASM"},
    {"AT", "Austria", "AUT"},
    {"AU", "Australia", "AUS"},
    {"AW", "Aruba", "ABW"},
    {"AX", "Åland Islands", "ALA"},
    {"AZ", "Azerbaijan", "AZE"},
    {"BA", "Bosnia and Herzegovina", "BIH"},
    {"BB", "Barbados", "BRB"},
    {"BD", "Bangladesh", "BGD"},
    {"BE", "Belgium", "BEL"},
    {"BF", "Burkina Faso", "BFA"},
    {"BG", "Bulgaria", "BGR"},
    {"BH", "Bahrain", "BHR"},
    {"BI", "Burundi", "BDI"},
    {"BJ", "Benin", "BEN"},
    {"BL", "Saint Barthélemy", "BLM"},
    {"BM", "Bermuda", "BMU"},
    {"BN", "Brunei Darussalam", "BRN"},
    {"BO", "Bolivia", "BOL"},
    {"BQ", "Bonaire, Sint Eustatius and Saba", "BES"},
    {"BR", "Brazil", "BRA"},
    {"BS", "Bahamas", "BHS"},
    {"BT", "Bhutan", "BTN"},
    {"BV", "Bouvet Island", "BVT"},
    {"BW", "Botswana", "BWA"},
    {"BY", "Belarus", "BLR"},
    {"BZ", "Belize", "BLZ"},
    {"CA", "Canada", "CAN"},
    {"CC", "Cocos (Keeling) Islands", "CCK"},
    {"CD", "Congo, The Democratic Republic of the", "COD"},
    {"CF", "Central African Republic", "CAF"},
    {"CG", "Congo", "COG"},
    {"CH", "Switzerland", "CHE"},
    {"CI", "Côte d'Ivoire", "CIV"},
    {"CK", "Cook Islands", "COK"},
    {"CL", "Chile", "CHL"},
    {"CM", "Cameroon", "CMR"},
    {"CN", "China", "CHN"},
    {"CO", "Colombia", "COL"},
    {"CR", "Costa Rica", "CRI"},
    {"CU", "Cuba", "CUB"},
    {"CV", "Cabo Verde", "CPV"},
    {"CW", "Curaçao", "CUW"},
    {"CX", "Christmas Island", "CXR"},
    {"CY", "Cyprus", "CYP"},
    {"CZ", "Czechia", "CZE"},
    {"DE", "Germany", "DEU"},
    {"DJ", "Djibouti", "DJI"},
    {"DK", "Denmark", "DNK"},
    {"DM", "Dominica", "DMA"},
    {"DO", "Dominican Republic", "DOM"},
    {"DZ", "Algeria", "DZA"},
    {"EC", "Ecuador", "ECU"},
    {"EE", "Estonia", "EST"},
    {"EG", "Egypt", "EGY"},
    {"EH", "Western Sahara", "ESH"},
    {"ER", "Eritrea", "ERI"},
    {"ES", "Spain", "ESP"},
    {"ET", "Ethiopia", "ETH"},
    {"FI", "Finland", "FIN"},
    {"FJ", "Fiji", "FJI"},
    {"FK", "Falkland Islands (Malvinas)", "FLK"},
    {"FM", "Micronesia, Federated States of", "FSM"},
    {"FO", "Faroe Islands", "FRO"},
    {"FR", "France", "FRA"},
    {"GA", "Gabon", "GAB"},
    {"GB", "United Kingdom", "GBR"},
    {"GD", "Grenada", "GRD"},
    {"GE", "Georgia", "GEO"},
    {"GF", "French Guiana", "GUF"},
    {"GG", "Guernsey", "GGY"},
    {"GH", "Ghana", "GHA"},
    {"GI", "Gibraltar", "GIB"},
    {"GL", "Greenland", "GRL"},
    {"GM", "Gambia", "GMB"},
    {"GN", "Guinea", "GIN"},
    {"GP", "Guadeloupe", "GLP"},
    {"GQ", "Equatorial Guinea", "GNQ"},
    {"GR", "Greece", "GRC"},
    {"GS", "South Georgia and the South Sandwich Islands", "SGS"},
    {"GT", "Guatemala", "GTM"},
    {"GU", "Guam", "GUM"},
    {"GW", "Guinea-Bissau", "GNB"},
    {"GY", "Guyana", "GUY"},
    {"HK", "Hong Kong", "HKG"},
    {"HM", "Heard Island and McDonald Islands", "HMD"},
    {"HN", "Honduras", "HND"},
    {"HR", "Croatia", "HRV"},
    {"HT", "Haiti", "HTI"},
    {"HU", "Hungary", "HUN"},
    {"ID", "Indonesia", "IDN"},
    {"IE", "Ireland", "IRL"},
    {"IL", "Israel", "ISR"},
    {"IM", "Isle of Man", "IMN"},
    {"IN", "India", "IND"},
    {"IO", "British Indian Ocean Territory", "IOT"},
    {"IQ", "Iraq", "IRQ"},
    {"IR", "Iran", "IRN"},
    {"IS", "Iceland", "ISL"},
    {"IT", "Italy", "ITA"},
    {"JE", "Jersey", "JEY"},
    {"JM", "Jamaica", "JAM"},
    {"JO", "Jordan", "JOR"},
    {"JP", "Japan", "JPN"},
    {"KE", "Kenya", "KEN"},
    {"KG", "Kyrgyzstan", "KGZ"},
    {"KH", "Cambodia", "KHM"},
    {"KI", "Kiribati", "KIR"},
    {"KM", "Comoros", "COM"},
    {"KN", "Saint Kitts and Nevis", "KNA"},
    {"KP", "North Korea", "PRK"},
    {"KR", "South Korea", "KOR"},
    {"KW", "Kuwait", "KWT"},
    {"KY", "Cayman Islands", "CYM"},
    {"KZ", "Kazakhstan", "KAZ"},
    {"LA", "Laos", "LAO"},
    {"LB", "Lebanon", "LBN"},
    {"LC", "Saint Lucia", "LCA"},
    {"LI", "Liechtenstein", "LIE"},
    {"LK", "Sri Lanka", "LKA"},
    {"LR", "Liberia", "LBR"},
    {"LS", "Lesotho", "LSO"},
    {"LT", "Lithuania", "LTU"},
    {"LU", "Luxembourg", "LUX"},
    {"LV", "Latvia", "LVA"},
    {"LY", "Libya", "LBY"},
    {"MA", "Morocco", "MAR"},
    {"MC", "Monaco", "MCO"},
    {"MD", "Moldova", "MDA"},
    {"ME", "Montenegro", "MNE"},
    {"MF", "Saint Martin (French part)", "MAF"},
    {"MG", "Madagascar", "MDG"},
    {"MH", "Marshall Islands", "MHL"},
    {"MK", "North Macedonia", "MKD"},
    {"ML", "Mali", "MLI"},
    {"MM", "Myanmar", "MMR"},
    {"MN", "Mongolia", "MNG"},
    {"MO", "Macao", "MAC"},
    {"MP", "Northern Mariana Islands", "MNP"},
    {"MQ", "Martinique", "MTQ"},
    {"MR", "Mauritania", "MRT"},
    {"MS", "Montserrat", "MSR"},
    {"MT", "Malta", "MLT"},
    {"MU", "Mauritius", "MUS"},
    {"MV", "Maldives", "MDV"},
    {"MW", "Malawi", "MWI"},
    {"MX", "Mexico", "MEX"},
    {"MY", "Malaysia", "MYS"},
    {"MZ", "Mozambique", "MOZ"},
    {"NA", "Namibia", "NAM"},
    {"NC", "New Caledonia", "NCL"},
    {"NE", "Niger", "NER"},
    {"NF", "Norfolk Island", "NFK"},
    {"NG", "Nigeria", "NGA"},
    {"NI", "Nicaragua", "NIC"},
    {"NL", "Netherlands", "NLD"},
    {"NO", "Norway", "NOR"},
    {"NP", "Nepal", "NPL"},
    {"NR", "Nauru", "NRU"},
    {"NU", "Niue", "NIU"},
    {"NZ", "New Zealand", "NZL"},
    {"OM", "Oman", "OMN"},
    {"PA", "Panama", "PAN"},
    {"PE", "Peru", "PER"},
    {"PF", "French Polynesia", "PYF"},
    {"PG", "Papua New Guinea", "PNG"},
    {"PH", "Philippines", "PHL"},
    {"PK", "Pakistan", "PAK"},
    {"PL", "Poland", "POL"},
    {"PM", "Saint Pierre and Miquelon", "SPM"},
    {"PN", "Pitcairn", "PCN"},
    {"PR", "Puerto Rico", "PRI"},
    {"PS", "Palestine, State of", "PSE"},
    {"PT", "Portugal", "PRT"},
    {"PW", "Palau", "PLW"},
    {"PY", "Paraguay", "PRY"},
    {"QA", "Qatar", "QAT"},
    {"RE", "Réunion", "REU"},
    {"RO", "Romania", "ROU"},
    {"RS", "Serbia", "SRB"},
    {"RU", "Russian Federation", "RUS"},
    {"RW", "Rwanda", "RWA"},
    {"SA", "Saudi Arabia", "SAU"},
    {"SB", "Solomon Islands", "SLB"},
    {"SC", "Seychelles", "SYC"},
    {"SD", "Sudan", "SDN"},
    {"SE", "Sweden", "SWE"},
    {"SG", "Singapore", "SGP"},
    {"SH", "Saint Helena, Ascension and Tristan da Cunha", "SHN"},
    {"SI", "Slovenia", "SVN"},
    {"SJ", "Svalbard and Jan Mayen", "SJM"},
    {"SK", "Slovakia", "SVK"},
    {"SL", "Sierra Leone", "SLE"},
    {"SM", "San Marino", "SMR"},
    {"SN", "Senegal", "SEN"},
    {"SO", "Somalia", "SOM"},
    {"SR", "Suriname", "SUR"},
    {"SS", "South Sudan", "SSD"},
    {"ST", "Sao Tome and Principe", "STP"},
    {"SV", "El Salvador", "SLV"},
    {"SX", "Sint Maarten (Dutch part)", "SXM"},
    {"SY", "Syria", "SYR"},
    {"SZ", "Eswatini", "SWZ"},
    {"TC", "Turks and Caicos Islands", "TCA"},
    {"TD", "Chad", "TCD"},
    {"TF", "French Southern Territories", "ATF"},
    {"TG", "Togo", "TGO"},
    {"TH", "Thailand", "THA"},
    {"TJ", "Tajikistan", "TJK"},
    {"TK", "Tokelau", "TKL"},
    {"TL", "Timor-Leste", "TLS"},
    {"TM", "Turkmenistan", "TKM"},
    {"TN", "Tunisia", "TUN"},
    {"TO", "Tonga", "TON"},
    {"TR", "Türkiye", "TUR"},
    {"TT", "Trinidad and Tobago", "TTO"},
    {"TV", "Tuvalu", "TUV"},
    {"TW", "Taiwan", "TWN"},
    {"TZ", "Tanzania", "TZA"},
    {"UA", "Ukraine", "UKR"},
    {"UG", "Uganda", "UGA"},
    {"UM", "United States Minor Outlying Islands", "UMI"},
    {"US", "United States", "USA"},
    {"UY", "Uruguay", "URY"},
    {"UZ", "Uzbekistan", "UZB"},
    {"VA", "Holy See (Vatican City State)", "VAT"},
    {"VC", "Saint Vincent and the Grenadines", "VCT"},
    {"VE", "Venezuela", "VEN"},
    {"VG", "Virgin Islands, British", "VGB"},
    {"VI", "Virgin Islands, U.S.", "VIR"},
    {"VN", "Vietnam", "VNM"},
    {"VU", "Vanuatu", "VUT"},
    {"WF", "Wallis and Futuna", "WLF"},
    {"WS", "Samoa", "WSM"},
    {"XK", "Kosovo", "XKX"},
    {"YE", "Yemen", "YEM"},
    {"YT", "Mayotte", "MYT"},
    {"ZA", "South Africa", "ZAF"},
    {"ZM", "Zambia", "ZMB"},
    {"ZW", "Zimbabwe", "ZWE"},
}};

// Preset members, sorted. EUROPE and CHINA are the MERICS study's definitions (STUDY.md); the
// others are groupings users ask for. HK, MO and TW are deliberately in no preset except CHINA's
// HK, which the study counts as China.
constexpr std::string_view kEu27[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                      "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                      "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::string_view kEu28[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
                                      "FR", "GB", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
                                      "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::string_view kEurope[] = {"AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
                                        "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                        "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::string_view kEea[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
                                     "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
                                     "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::string_view kEfta[] = {"CH", "IS", "LI", "NO"};
constexpr std::string_view kNordics[] = {"DK", "FI", "IS", "NO", "SE"};
constexpr std::string_view kChina[] = {"CN", "HK"};
constexpr std::string_view kFiveEyes[] = {"AU", "CA", "GB", "NZ", "US"};
constexpr std::string_view kG7[] = {"CA", "DE", "FR", "GB", "IT", "JP", "US"};

constexpr CountryPreset kPresets[] = {
    {"EU27", "European Union member states since 1 February 2020", kEu27},
    {"EU28", "EU27 plus the United Kingdom (EU membership before Brexit)", kEu28},
    {"EUROPE", "The MERICS study's Europe: EU27 plus United Kingdom, Norway, Switzerland", kEurope},
    {"EEA", "European Economic Area: EU27 plus Iceland, Liechtenstein, Norway", kEea},
    {"EFTA", "European Free Trade Association: Iceland, Liechtenstein, Norway, Switzerland", kEfta},
    {"NORDICS", "Denmark, Finland, Iceland, Norway, Sweden", kNordics},
    {"CHINA", "The MERICS study's China: mainland China and Hong Kong (not Macao, not Taiwan)",
     kChina},
    {"FIVE_EYES", "Australia, Canada, New Zealand, United Kingdom, United States", kFiveEyes},
    {"G7", "Canada, France, Germany, Italy, Japan, United Kingdom, United States", kG7},
};

}  // namespace

std::span<const CountryInfo> AllCountries() { return kCountries; }

std::string_view CountryName(std::string_view code) {
  if (code.size() != 2) return {};
  const char upper[2] = {AsciiUpperChar(code[0]), AsciiUpperChar(code[1])};
  const std::string_view key(upper, 2);
  auto it = std::lower_bound(kCountries.begin(), kCountries.end(), key,
                             [](const CountryInfo& c, std::string_view k) { return c.code < k; });
  return it != kCountries.end() && it->code == key ? it->name : std::string_view();
}

std::string_view CountryCodeFromAlpha3(std::string_view alpha3) {
  if (alpha3.size() != 3) return {};
  std::string upper = AsciiUpper(alpha3);
  static constexpr std::pair<std::string_view, std::string_view> kRetired[] = {
      {"BUR", "MM"}, {"KOS", "XK"}, {"ROM", "RO"}, {"TMP", "TL"}, {"ZAR", "CD"}};
  for (const auto& [old_code, code] : kRetired) {
    if (upper == old_code) return code;
  }
  for (const CountryInfo& c : kCountries) {  // 250 entries, not on a hot path
    if (c.alpha3 == upper) return c.code;
  }
  return {};
}

std::span<const CountryPreset> CountryPresets() { return kPresets; }

const CountryPreset* FindCountryPreset(std::string_view name) {
  for (const CountryPreset& p : kPresets) {
    if (EqualsIgnoreAsciiCase(p.name, name)) return &p;
  }
  return nullptr;
}

}  // namespace entangle::select
