#pragma once
// Internal: what a partner or a home institution shares beyond co-authorship: the labs of the labs
// registry on its joint papers (read from the labs exhibits `entangle analyze` wrote) and the
// researchers who hold it and an institution on the other side on one paper (read from the
// authorships, by OpenAlex author id only). Definitions: docs/labs.md.
#include <string>

#include "common/status.h"
#include "screen/screen_impl.h"

namespace entangle::screen {

// Fills report.labs, report.researchers, report.other_side and report.labs_status for partner `id`.
Status AddPartnerLinks(Screener::Impl& s, const std::string& id, Report& report);

// Fills report.links (and report.labs_status) for home institution `id`: per partner, the labs on
// their joint papers and the researchers holding both institutions on one paper.
Status AddHomeLinks(Screener::Impl& s, const std::string& id, Report& report);

}  // namespace entangle::screen
