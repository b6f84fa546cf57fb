// The report's stylesheet: a print-friendly single page with a sticky table of contents.
#include "report/report_assets.h"

namespace entangle::report {

const std::string& ReportCss() {
  static const std::string css = R"CSS(
:root{--ink:#1a2433;--muted:#5b6575;--line:#dfe4ea;--bg:#eef1f5;--card:#fff;--accent:#2f5d9e;--warn:#b3261e}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;font-variant-numeric:tabular-nums}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--accent)}
.synthetic-banner{position:sticky;top:0;z-index:20;display:flex;gap:16px;align-items:center;padding:10px 24px;
color:#fff;font-size:14px;background:repeating-linear-gradient(135deg,#b3261e 0 18px,#8f1d17 18px 36px);
box-shadow:0 2px 6px rgba(0,0,0,.25)}
.synthetic-banner strong{font-size:17px;letter-spacing:.12em;white-space:nowrap}
.synthetic-banner a{color:#fff;font-weight:600}
.synthetic-banner code{background:rgba(255,255,255,.18);padding:1px 4px;border-radius:3px}
.layout{display:grid;grid-template-columns:250px minmax(0,1fr);gap:28px;max-width:1320px;margin:0 auto;
padding:24px 24px 60px}
.toc{position:sticky;top:64px;align-self:start;max-height:calc(100vh - 80px);overflow:auto;font-size:13px;
padding:16px 14px;background:var(--card);border:1px solid var(--line);border-radius:8px}
.toc-title{margin:0 0 8px;font-weight:700;text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--muted)}
.toc-synthetic{margin:0 0 8px;color:var(--warn);font-weight:700;font-size:11px;letter-spacing:.08em}
.toc ol{margin:0;padding-left:20px}
.toc li{margin:3px 0}
.toc a{color:var(--ink);text-decoration:none}
.toc a:hover{color:var(--accent);text-decoration:underline}
main{min-width:0}
.report-header{background:linear-gradient(135deg,#14213d,#22385f);color:#fff;border-radius:10px;padding:28px 32px;
margin-bottom:24px}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:11px;color:#b9c6dd}
.report-header h1{margin:6px 0 8px;font-size:28px;line-height:1.2}
.lede{margin:0 0 18px;color:#d9e1ee;max-width:80ch}
.facts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px 28px;margin:0 0 20px}
.facts div{background:rgba(255,255,255,.07);border-radius:6px;padding:10px 14px}
.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:#b9c6dd}
.facts dd{margin:2px 0 0}
.report-header .muted{color:#aebbd1}
.incomplete-tag{background:#f3d9a4;color:#4a3300;border-radius:3px;padding:0 5px;font-size:12px}
.kpis{display:flex;flex-wrap:wrap;gap:12px}
.kpi{flex:1 1 140px;background:#fff;color:var(--ink);border-radius:6px;padding:10px 14px}
.kpi-value{display:block;font-size:24px;font-weight:700}
.kpi-label{font-size:12px;color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:24px 28px;margin-bottom:24px;
scroll-margin-top:64px}
section h2{margin:0 0 6px;font-size:20px}
section.part{border-left:6px solid #5a4a9c}
.part-kpis{margin:12px 0}.part-kpis .kpi{background:#f3f1fa}
.toc li.toc-part{font-weight:600;margin-top:10px}
section h3{margin:22px 0 8px;font-size:15px}
.badges{margin:0 0 10px;display:flex;flex-wrap:wrap;gap:6px}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;background:#e8edf4;color:var(--ink);font-size:12px}
.badge.counting{background:#dfe9f7;color:#1f4a87;font-weight:600}
.badge.incomplete{background:#f3d9a4;color:#4a3300}
.badge.muted{background:#f1f3f6;color:var(--muted)}
.definition{color:#333d4d;max-width:100ch;margin:0 0 12px}
/* Charts are drawn 960 units wide with no text under 12 units, so down to 880 px wide their text stays
at 11 px or more; a narrower column scrolls the chart sideways instead of shrinking it. */
figure.chart{margin:18px 0;padding:12px 0;border-top:1px solid var(--line);overflow-x:auto;
/* a shadow at an edge with more chart beyond it (the white covers it when scrolled to that edge) */
background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/40px 100% no-repeat local,
linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/40px 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.16),rgba(0,0,0,0)) left/12px 100% no-repeat scroll,
radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.16),rgba(0,0,0,0)) right/12px 100% no-repeat scroll}
svg.chart{display:block;width:100%;height:auto;max-width:960px;min-width:880px}
/* the tracker page's small multiples: cards never under 280 px, so 12-unit text stays >= 11 px */
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px;margin:12px 0}
.multiple{border:1px solid var(--line);border-radius:6px;padding:8px 10px;min-width:0}
.multiple h3{font-size:14px;margin:0 0 4px}svg.spark{display:block;width:100%;height:auto}
.multiple-note{font-size:12px;color:var(--muted);margin:4px 0 0}.key-a{color:#2f5d9e}.key-b{color:#c2402a}
table.data td.wide{min-width:200px}
/* tables meant to be read whole at desktop width (the tracker's side by side): headers wrap, long
cells give way sooner, and the box does not cut rows off; on a phone they scroll sideways, long
cells as wide as elsewhere so that rows stay short */
.table-wrap.whole{max-height:none}table.data.fit thead th{white-space:normal}table.data.fit td.wide{min-width:120px}
@media (max-width:700px){table.data.fit td.wide{min-width:200px}}
.notes{margin:8px 0 12px;padding-left:18px;color:var(--muted);font-size:13px}
.source{color:var(--muted);font-size:12px;margin:10px 0 0;word-break:break-word}
.empty{padding:12px 14px;background:#f6f7f9;border-radius:6px;color:var(--muted)}
.truncated{color:var(--muted);font-size:12px;margin:6px 0}
.table-wrap{max-height:420px;overflow:auto;border:1px solid var(--line);border-radius:6px;margin-top:8px}
table.data{border-collapse:collapse;width:100%;font-size:12.5px}
table.data th,table.data td{padding:5px 10px;border-bottom:1px solid #edf0f3;text-align:left;vertical-align:top}
table.data thead th{position:sticky;top:0;background:#f3f5f8;font-weight:600;white-space:nowrap;cursor:pointer;
user-select:none;border-bottom:1px solid var(--line)}
table.data thead th:hover{background:#e7ebf1}
table.data thead th[aria-sort=ascending]::after{content:" \25B2";font-size:9px}
table.data thead th[aria-sort=descending]::after{content:" \25BC";font-size:9px}
table.data .num{text-align:right;white-space:nowrap}
table.sortable td{white-space:nowrap}
table.data tbody tr:nth-child(even){background:#fafbfc}
table.data tbody tr.incomplete{color:#6b7380;background:repeating-linear-gradient(135deg,#f4f5f7 0 6px,#eceef2 6px 12px)}
table.kv{border-collapse:collapse;width:100%;font-size:13px}
table.kv th{text-align:left;font-weight:600;color:var(--muted);padding:4px 12px 4px 0;vertical-align:top;white-space:nowrap}
table.kv td{padding:4px 0;word-break:break-word}
table.kv.counts td{text-align:right}
.prov-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:28px}
.ok{color:#1e7b45;font-weight:600}
.bad{color:var(--warn);font-weight:600}
.muted{color:var(--muted)}
ul.examples{margin:0;padding-left:16px}
pre.toml{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:12px;overflow:auto;max-height:480px}
details{margin:10px 0}
summary{cursor:pointer;font-weight:600}
.net-toolbar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:12px 0 8px;font-size:13px}
.net-toolbar .spacer{flex:1}
.net-toolbar button{font:inherit;padding:3px 10px;border:1px solid #c5ccd6;background:#fff;border-radius:5px;cursor:pointer}
.net-toolbar button.active{background:var(--ink);color:#fff;border-color:var(--ink)}
.net-toolbar input{font:inherit;padding:3px 8px;border:1px solid #c5ccd6;border-radius:5px;width:230px;margin-left:10px}
/* The network is 1000 units wide with 12-unit labels: at 920 px or more they stay at 11 px or more. */
.net-scroll{overflow-x:auto}
.net-frame{position:relative;border:1px solid var(--line);border-radius:8px;overflow:hidden;background:#fbfcfe;
min-width:922px}
#net-svg{display:block;width:100%;height:auto;cursor:grab;touch-action:none}
#net-svg.dragging{cursor:grabbing}
#net-svg line{vector-effect:non-scaling-stroke}
#net-svg circle{cursor:pointer;transition:opacity .12s}
#net-svg.dim circle:not(.hi){opacity:.12}
#net-svg.dim .net-labels{opacity:.25}
#net-svg.dim line:not(.hi){stroke-opacity:.03}
#net-svg line.hi{stroke:#1a2433;stroke-opacity:.75}
#net-svg circle.found{stroke:#1a2433;stroke-width:2.5}
.net-tip{position:absolute;pointer-events:none;background:rgba(20,33,61,.95);color:#fff;border-radius:6px;
padding:8px 10px;font-size:12.5px;max-width:320px;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.net-tip b{display:block;font-size:13.5px;margin-bottom:2px}
.hint{color:var(--muted);font-size:12px;margin:6px 0}
.net-shown{margin:10px 0 4px;font-size:13px;max-width:110ch}
.net-legend{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:20px;font-size:12.5px}
.net-legend h3{margin:10px 0 4px;font-size:13px}
.net-legend ul{list-style:none;margin:0;padding:0}
.net-legend li{margin:2px 0}
.net-legend .hidden-legend{opacity:.45}
.note{color:var(--muted);font-size:12.5px}
.js-errors{background:#fdecea;color:var(--warn);border:1px solid #f5c2bd;padding:8px 12px;border-radius:6px;margin-bottom:12px}
footer.page-footer{color:var(--muted);font-size:12px;text-align:center;margin-top:12px}
@media (max-width:900px){.layout{grid-template-columns:1fr}.toc{position:static;max-height:none}
.facts,.prov-grid,.net-legend{grid-template-columns:1fr}}
@media (max-width:600px){.layout{padding:12px 8px 40px;gap:14px}section{padding:16px 12px}
.report-header{padding:20px 16px}.synthetic-banner{padding:8px 12px;flex-wrap:wrap;gap:4px 12px}
.net-toolbar input{width:100%;margin-left:0}}
@media print{body{background:#fff}.toc,.net-toolbar,.hint{display:none}.layout{display:block;padding:0}
svg.chart,.net-frame{min-width:0}figure.chart,.net-scroll{overflow:visible}
section{break-inside:avoid-page;border:none;padding:0 0 12px}.table-wrap{max-height:none;overflow:visible}
.synthetic-banner{position:static}}
)CSS";
  return css;
}

}  // namespace entangle::report
