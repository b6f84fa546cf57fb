// The report's two inline scripts. Hand-written and small on purpose: the charts are finished
// SVG and the network layout is precomputed, so scripts only add sorting and exploration.
// Everything they show comes from data-* attributes via textContent, never innerHTML, so names
// in the data cannot inject markup.
#include "report/report_assets.h"

namespace entangle::report {

const std::string& ErrorRecorderScript() {
  static const std::string js = R"JS(
(function () {
  var errors = [];
  function record(message) {
    errors.push(message);
    document.documentElement.setAttribute('data-js-errors', errors.join(' | '));
    var box = document.getElementById('js-errors');
    if (box) { box.hidden = false; box.textContent = 'Interactive parts of this report failed: ' + errors.join(' | '); }
  }
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && target.tagName) { record('could not load ' + target.tagName.toLowerCase()); return; }
    record(String(event.message || 'script error'));
  }, true);
  window.addEventListener('unhandledrejection', function (event) { record(String(event.reason)); });
})();
)JS";
  return js;
}

const std::string& ReportScript() {
  static const std::string js = R"JS(
(function () {
  'use strict';

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? cell.getAttribute('data-v') : '';
    if (!numeric) return raw || '';
    if (raw === null || raw === '') return null;
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }

  function sortTable(table, th) {
    var index = th.cellIndex;
    var numeric = th.getAttribute('data-type') === 'num';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      if (x === null && y === null) return 0;
      if (x === null) return 1;  // empty cells last, either way
      if (y === null) return -1;
      var order = numeric ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortTable(table, th); });
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortTable(table, th); }
      });
    });
  });

  function initNetwork(svg) {
    var view = document.getElementById('net-view');
    var tip = document.getElementById('net-tip');
    var frame = svg.parentNode;
    var circles = Array.prototype.slice.call(svg.querySelectorAll('.net-nodes circle'));
    var lines = Array.prototype.slice.call(svg.querySelectorAll('.net-edges line'));
    var neighbours = circles.map(function () { return []; });
    var incident = circles.map(function () { return []; });
    lines.forEach(function (line) {
      var s = +line.getAttribute('data-s'), t = +line.getAttribute('data-t');
      if (!(s in neighbours) || !(t in neighbours)) return;
      neighbours[s].push(t); neighbours[t].push(s);
      incident[s].push(line); incident[t].push(line);
    });
    // The <title>s are the no-script tooltips; with the script the richer tooltip replaces them.
    circles.forEach(function (c) {
      var title = c.querySelector('title');
      if (title) { c.setAttribute('aria-label', title.textContent); c.removeChild(title); }
    });

    var state = { k: 1, x: 0, y: 0 };
    function apply() { view.setAttribute('transform', 'translate(' + state.x + ' ' + state.y + ') scale(' + state.k + ')'); }
    function toSvg(clientX, clientY) {
      var ctm = svg.getScreenCTM();
      if (!ctm) return { x: 0, y: 0 };
      var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
      var q = p.matrixTransform(ctm.inverse());
      return { x: q.x, y: q.y };
    }
    function zoomAt(px, py, factor) {
      var k = Math.max(0.5, Math.min(16, state.k * factor));
      state.x = px - (px - state.x) * (k / state.k);
      state.y = py - (py - state.y) * (k / state.k);
      state.k = k;
      apply();
    }
    svg.addEventListener('wheel', function (event) {
      event.preventDefault();
      var p = toSvg(event.clientX, event.clientY);
      zoomAt(p.x, p.y, event.deltaY < 0 ? 1.2 : 1 / 1.2);
    }, { passive: false });
    var drag = null;
    svg.addEventListener('pointerdown', function (event) {
      drag = { start: toSvg(event.clientX, event.clientY), x: state.x, y: state.y };
      svg.setPointerCapture(event.pointerId);
      svg.classList.add('dragging');
    });
    svg.addEventListener('pointermove', function (event) {
      if (!drag) return;
      var p = toSvg(event.clientX, event.clientY);
      state.x = drag.x + (p.x - drag.start.x);
      state.y = drag.y + (p.y - drag.start.y);
      apply();
    });
    function endDrag() { drag = null; svg.classList.remove('dragging'); }
    svg.addEventListener('pointerup', endDrag);
    svg.addEventListener('pointercancel', endDrag);
    var box = svg.viewBox.baseVal;
    Array.prototype.forEach.call(document.querySelectorAll('[data-zoom]'), function (button) {
      button.addEventListener('click', function () {
        var what = button.getAttribute('data-zoom');
        if (what === 'reset') { state = { k: 1, x: 0, y: 0 }; apply(); return; }
        zoomAt(box.width / 2, box.height / 2, what === 'in' ? 1.4 : 1 / 1.4);
      });
    });

    function addLine(parent, label, value) {
      var row = document.createElement('div');
      row.textContent = label + ': ' + value;
      parent.appendChild(row);
    }
    function show(c, event) {
      var i = +c.getAttribute('data-i');
      svg.classList.add('dim');
      c.classList.add('hi');
      neighbours[i].forEach(function (j) { circles[j].classList.add('hi'); });
      incident[i].forEach(function (line) { line.classList.add('hi'); });
      tip.textContent = '';
      var name = document.createElement('b');
      name.textContent = c.getAttribute('data-name');
      tip.appendChild(name);
      addLine(tip, 'Country', c.getAttribute('data-country') || 'unknown');
      addLine(tip, 'Group', c.getAttribute('data-group'));
      addLine(tip, 'Joint works', Number(c.getAttribute('data-works')).toLocaleString('en'));
      addLine(tip, 'Community', c.getAttribute('data-community'));
      addLine(tip, 'Linked institutions shown', String(neighbours[i].length));
      tip.hidden = false;
      move(event);
    }
    function move(event) {
      var r = frame.getBoundingClientRect();
      var x = event.clientX - r.left + 14, y = event.clientY - r.top + 14;
      if (x + tip.offsetWidth > r.width) x = event.clientX - r.left - tip.offsetWidth - 14;
      if (y + tip.offsetHeight > r.height) y = event.clientY - r.top - tip.offsetHeight - 14;
      tip.style.left = x + 'px';
      tip.style.top = y + 'px';
    }
    function hide() {
      svg.classList.remove('dim');
      Array.prototype.forEach.call(svg.querySelectorAll('.hi'), function (el) { el.classList.remove('hi'); });
      tip.hidden = true;
    }
    circles.forEach(function (c) {
      c.addEventListener('pointerenter', function (event) { if (!drag) show(c, event); });
      c.addEventListener('pointermove', move);
      c.addEventListener('pointerleave', hide);
    });

    Array.prototype.forEach.call(document.querySelectorAll('[data-color]'), function (button) {
      button.addEventListener('click', function () {
        var mode = button.getAttribute('data-color');
        circles.forEach(function (c) { c.setAttribute('fill', c.getAttribute(mode === 'group' ? 'data-gc' : 'data-cc')); });
        Array.prototype.forEach.call(document.querySelectorAll('[data-color]'), function (b) {
          b.classList.toggle('active', b === button);
        });
        Array.prototype.forEach.call(document.querySelectorAll('[data-legend]'), function (block) {
          block.classList.toggle('hidden-legend', block.getAttribute('data-legend') !== mode);
        });
      });
    });

    var search = document.getElementById('net-search');
    if (search) {
      search.addEventListener('input', function () {
        var q = search.value.trim().toLowerCase();
        var any = false;
        circles.forEach(function (c) {
          var hit = q.length >= 2 && (c.getAttribute('data-name') || '').toLowerCase().indexOf(q) >= 0;
          c.classList.toggle('found', hit);
          c.classList.toggle('hi', hit);
          any = any || hit;
        });
        svg.classList.toggle('dim', any);
      });
    }
  }

  var svg = document.getElementById('net-svg');
  if (svg) initNetwork(svg);
  document.documentElement.setAttribute('data-report-ready', '1');
})();
)JS";
  return js;
}

}  // namespace entangle::report
