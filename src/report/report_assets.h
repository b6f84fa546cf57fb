#pragma once
// Internal: the page's stylesheet and its two small scripts, inlined into every report (the file
// must open offline, so nothing is fetched).
#include <string>

namespace entangle::report {

const std::string& ReportCss();
// Runs first: records script errors on <html data-js-errors> and shows them, so a broken page
// says so (and the browser test can see it).
const std::string& ErrorRecorderScript();
// Sortable tables and the network's hover, zoom, pan, colouring and search. Sets
// <html data-report-ready="1"> when it has run to the end.
const std::string& ReportScript();

}  // namespace entangle::report
