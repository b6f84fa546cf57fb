#pragma once
// Test support: a script that measures a rendered report page after layout and what it found.
// The test injects it into a copy of the page (adding its hash to the page's
// Content-Security-Policy, which allows only hashed scripts) and shows that copy in a frame of
// the width to test (headless Chromium's window is at least 500 px wide; a frame can be
// narrower). The script sends its findings as JSON to the host page, which writes them into
// <pre id="legibility-probe"> for --dump-dom.
//
// What it checks, each as a list of offenders:
//  equal_label_charts  charts whose bar labels, or whose axis tick labels, all read the same;
//  linkless_nodes      drawn network nodes that no drawn link touches;
//  small_text          visible text rendered under 11 px (SVG text: font size times the scale
//                      the SVG is drawn at, so a chart shrunk to a narrow screen fails);
//  cut_tables          tables wider than a box that does not scroll them, or whose scrolling
//                      box does not fit the window;
//  page_overflow       elements sticking out of the window (the page would scroll sideways and,
//                      without a scroll bar, cut them), outside any box that scrolls or clips;
//  scrolled_tables     tables their scrolling box shows only in part (columns or rows to scroll
//                      to): not a fault in itself, but a page that means a table to be read whole
//                      at some width can say so.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report/html_page.h"

namespace entangle::testing {

inline const std::string& LegibilityProbeScript() {
  static const std::string js = R"JS(
(function () {
  'use strict';
  var MIN_PX = 11;
  var out = { width: window.innerWidth, page_width: document.documentElement.scrollWidth,
              page_height: document.documentElement.scrollHeight, charts: 0, nodes: 0, texts: 0, tables: 0,
              equal_label_charts: [], linkless_nodes: [], small_text: [], small_text_count: 0,
              cut_tables: [], page_overflow: [], scrolled_tables: [] };
  function each(selector, root, f) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), f); }
  function visible(el) {
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) return false;
    var r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;  // a level or upright line has no height or no width
  }
  function ownText(el) {
    var text = '';
    Array.prototype.forEach.call(el.childNodes, function (n) { if (n.nodeType === 3) text += n.data; });
    return text.trim();
  }
  function describe(el) {
    var id = el.closest('[id]');
    return el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class') : '') +
           (id ? ' in #' + id.id : '');
  }
  function allEqual(list) { return list.length >= 2 && list.every(function (t) { return t === list[0]; }); }

  // (a) Charts: bar labels (the full label is the <title> of the label text) and tick labels.
  each('svg.chart', null, function (svg) {
    out.charts++;
    var bars = [], ticks = [];
    each('.bars > text', svg, function (t) {
      var title = t.querySelector('title');
      if (title) bars.push(title.textContent.trim());
    });
    each('.axis text', svg, function (t) { if (!t.hasAttribute('font-size')) ticks.push(ownText(t)); });
    if (allEqual(bars)) out.equal_label_charts.push(svg.id + ': every bar reads "' + bars[0] + '"');
    if (allEqual(ticks)) out.equal_label_charts.push(svg.id + ': every tick reads "' + ticks[0] + '"');
  });

  // (b) Network: every drawn node has a drawn link.
  var linked = {};
  each('.net-edges line', null, function (line) {
    if (!visible(line)) return;
    linked[line.getAttribute('data-s')] = true;
    linked[line.getAttribute('data-t')] = true;
  });
  each('.net-nodes circle', null, function (c) {
    if (!visible(c)) return;
    out.nodes++;
    if (!linked[c.getAttribute('data-i')]) out.linkless_nodes.push(c.getAttribute('data-name'));
  });

  // (c) Text size as rendered.
  var skip = { SCRIPT: 1, STYLE: 1, TITLE: 1, DESC: 1, NOSCRIPT: 1, OPTION: 1 };
  each('body *', null, function (el) {
    if (skip[el.tagName.toUpperCase()] || el.closest('title, desc, #legibility-probe')) return;
    var text = ownText(el);
    if (!text || !visible(el)) return;
    out.texts++;
    var px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      var m = el.getScreenCTM();
      if (m) px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (px < MIN_PX - 0.01) {
      out.small_text_count++;
      if (out.small_text.length < 25) {
        out.small_text.push(describe(el) + ' "' + text.slice(0, 40) + '" ' + px.toFixed(2) + ' px');
      }
    }
  });

  // (d) Tables: cut off unless a box that scrolls sideways holds them, and that box fits the window.
  function scrolls(el) { var o = getComputedStyle(el).overflowX; return o === 'auto' || o === 'scroll'; }
  each('table', null, function (table) {
    if (!visible(table)) return;
    out.tables++;
    var r = table.getBoundingClientRect();
    var name = describe(table) + (table.id ? ' #' + table.id : '');
    for (var p = table.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      var box = p.getBoundingClientRect(), cs = getComputedStyle(p);
      if (scrolls(p)) {
        if (box.right > window.innerWidth + 1 || box.left < -1) {
          out.cut_tables.push(name + ': its scrolling box ' + describe(p) + ' is wider than the window');
        }
        if (p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1) {
          out.scrolled_tables.push(name + ': ' + describe(p) + ' shows ' + p.clientWidth + ' of its ' + p.scrollWidth +
                                   ' px wide and ' + p.clientHeight + ' of its ' + p.scrollHeight + ' px high');
        }
        return;
      }
      if (r.right > box.right - parseFloat(cs.borderRightWidth) + 1) {
        out.cut_tables.push(name + ' (' + Math.round(r.width) + ' px) sticks out of ' + describe(p) + ' (' +
                            Math.round(box.width) + ' px), which does not scroll');
        return;
      }
    }
    if (r.right > window.innerWidth + 1) out.cut_tables.push(name + ' is wider than the window');
  });

  // (e) The page itself: nothing sticks out of the window except inside a box that scrolls or clips.
  function contained(el) {
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  }
  var reported = [];
  each('body *', null, function (el) {
    if (out.page_overflow.length >= 15 || !visible(el)) return;
    var r = el.getBoundingClientRect();
    if (r.right <= window.innerWidth + 1 && r.left >= -1) return;
    if (reported.some(function (q) { return q.contains(el); }) || contained(el)) return;
    reported.push(el);
    out.page_overflow.push(describe(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
  });

  var json = JSON.stringify(out).replace(/[\u007f-\uffff]/g, function (c) {
    return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
  });
  // Laid out in a frame (the way to a window narrower than headless Chromium's 500 px): the
  // host page writes what it is sent.
  if (window.parent !== window) window.parent.postMessage(json, '*');
  var pre = document.createElement('pre');
  pre.id = 'legibility-probe';
  pre.hidden = true;
  pre.textContent = json;
  document.body.appendChild(pre);
})();
)JS";
  return js;
}

// `html` with the probe as its last script, its hash added to the page's script-src.
inline std::string WithLegibilityProbe(std::string html) {
  const std::string& probe = LegibilityProbeScript();
  size_t csp = html.find("script-src ");
  if (csp != std::string::npos) html.insert(csp + 11, report::CspHash(probe) + " ");
  size_t body_end = html.rfind("</body>");
  if (body_end == std::string::npos) return html;
  return html.insert(body_end, "<script>" + probe + "</script>\n");
}

// A page that shows `page_file` (a name in the same folder) in a frame `width` x `height` px and
// writes the probe's findings into its own DOM.
inline std::string LegibilityHostPage(const std::string& page_file, int width, int height) {
  return fmt::format(
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{{margin:0;background:#9aa3ad}}"
      "iframe{{display:block;border:0;background:#fff;width:{}px;height:{}px}}</style></head><body>"
      "<iframe src=\"{}\"></iframe><script>window.addEventListener('message', function (e) {{"
      " var pre = document.createElement('pre'); pre.id = 'legibility-probe';"
      " pre.textContent = String(e.data); document.body.appendChild(pre); }});</script></body></html>\n",
      width, height, page_file);
}

// The findings in a dumped DOM; a null json when the probe wrote none.
inline nlohmann::json LegibilityFindings(const std::string& dom) {
  size_t start = dom.find("<pre id=\"legibility-probe\"");
  if (start == std::string::npos) return nullptr;
  start = dom.find('>', start) + 1;
  std::string text = dom.substr(start, dom.find("</pre>", start) - start);
  std::string json;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      json += text[i];
    } else if (text.compare(i, 4, "&lt;") == 0) {
      json += '<', i += 3;
    } else if (text.compare(i, 4, "&gt;") == 0) {
      json += '>', i += 3;
    } else if (text.compare(i, 5, "&amp;") == 0) {
      json += '&', i += 4;
    } else {
      json += '&';
    }
  }
  return nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
}

}  // namespace entangle::testing
