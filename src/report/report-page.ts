/**
 * The report page's style and script, inlined into every report (nothing is fetched when it opens).
 * The script only shows the details the report carries (`#report-data`): it computes nothing.
 */

export const REPORT_STYLE = `
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa; --green: #1a7f37; --red: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
nav a { color: #0969da; text-decoration: none; }
.summary, .legend { color: var(--muted); margin: 4px 0; }
.swatch { display: inline-block; width: 18px; height: 4px; margin: 0 4px 2px 8px; vertical-align: middle; }
.incomplete { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; margin: 8px 0; border-radius: 6px; }
.layout { display: flex; align-items: flex-start; }
main { flex: 1; min-width: 0; padding: 0 24px 48px; }
aside { position: sticky; top: 0; width: 34%; max-width: 560px; height: 100vh; overflow: auto; padding: 8px 16px; border-left: 1px solid var(--line); background: var(--soft); }
aside pre { white-space: pre-wrap; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.graph { overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
.graph svg { max-width: 100%; height: auto; }
.folded { color: var(--muted); font-size: 13px; }
svg g.edge, svg g.node { cursor: pointer; }
svg g.edge:hover path, svg g.edge.selected path { stroke-width: 3px; }
svg g.node.selected polygon, svg g.node.selected ellipse, svg g.node.selected path { stroke-width: 3px; }
.matrix-wrap { overflow: auto; max-height: 80vh; }
table { border-collapse: collapse; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 3px 6px; font-size: 12px; white-space: nowrap; }
.matrix thead th { position: sticky; top: 0; background: var(--soft); }
.matrix td { cursor: pointer; max-width: 180px; overflow: hidden; text-overflow: ellipsis; }
.matrix td.allowed { background: #dafbe1; }
.matrix td.partial { background: #f0fff4; }
.matrix td.denied, .matrix td.na { color: #8c959f; text-align: center; }
.matrix td.selected { outline: 2px solid #0969da; }
.matrix small { color: var(--muted); margin-left: 4px; }
.findings th, .findings td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; font-size: 13px; text-align: left; }
.findings tr.error td:first-child { color: var(--red); font-weight: 600; }
.findings tr.warning td:first-child { color: #9a6700; font-weight: 600; }
.changes { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding-left: 16px; }
.changes .opened { color: var(--green); }
.changes .closed { color: var(--red); }
`;

export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var title = document.getElementById('details-title');
  var body = document.getElementById('details-body');
  var selected = null;
  function show(el, entry) {
    if (selected) selected.classList.remove('selected');
    selected = el;
    el.classList.add('selected');
    title.textContent = entry.title;
    body.textContent = entry.text;
  }
  function bind(selector, keyOf) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) {
      (function (el) {
        var entry = data.details[keyOf(el)];
        if (!entry) return;
        el.addEventListener('click', function (event) { event.stopPropagation(); show(el, entry); });
      })(list[i]);
    }
  }
  bind('svg g.edge, svg g.node', function (el) { return el.id; });
  bind('td[data-key]', function (el) { return el.getAttribute('data-key'); });
})();
`;
