/* The register between two dates (/decisions/changes/). changesBetween is
   the rule of resolve::changes::between in the Rust code, written again
   for the browser; tests/compare.rs holds both to the same answers. Dates
   are "YYYY-MM-DD" strings, which compare as the days they name. */
(function () {
  "use strict";

  /* d: the rows of data.js, [id, title, path, date, ended, flags,
     supersededBy, repealedBy, amendedBy]; from and to included. */
  function changesBetween(d, from, to) {
    function within(day) { return day !== null && from <= day && day <= to; }
    var out = { entered: [], left: [], amended: [], pending: [] };
    d.forEach(function (r, i) {
      var adopted = (r[5] & 1) !== 0;
      if (adopted && within(r[3])) out.entered.push(i);
      if (adopted && within(r[4])) {
        var how = r[6].length ? "superseded" : r[7].length ? "repealed" : "expired";
        out.left.push({ i: i, on: r[4], how: how, by: how === "superseded" ? r[6] : how === "repealed" ? r[7] : [] });
      }
      r[8].forEach(function (a) { if (within(d[a][3])) out.amended.push({ i: i, by: a }); });
      if ((r[5] & 2) !== 0 && within(r[3])) out.pending.push(i);
    });
    // Array.prototype.sort is stable, as Rust's sort_by_key is.
    out.left.sort(function (a, b) { return a.on < b.on ? -1 : a.on > b.on ? 1 : 0; });
    return out;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { changesBetween: changesBetween };
    return;
  }

  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function start() {
    var page = document.getElementById("compare");
    var data = window.cahierRegister;
    if (!page || !data) return;
    var form = document.getElementById("compare-form");
    var root = page.getAttribute("data-root") || "";
    var d = data.d;
    // Opened from disk, folder links need an explicit index.html, as the
    // page's own links get on load.
    var index = location.protocol === "file:" ? "index.html" : "";
    function link(i) { return '<a href="' + escape(root + d[i][2] + index) + '">' + escape(d[i][1]) + "</a>"; }
    function dated(i) { return link(i) + ' <span class="muted">' + escape(d[i][3]) + "</span>"; }

    function show(from, to) {
      var c = changesBetween(d, from, to);
      var items = {
        entered: c.entered.map(dated),
        left: c.left.map(function (x) {
          var by = x.by.map(function (b, k) { return (k ? ", " : " : ") + link(b); }).join("");
          return link(x.i) + ' <span class="muted">' + escape(x.on) + "</span> · " + escape(page.getAttribute("data-" + x.how)) + by;
        }),
        amended: c.amended.map(function (x) { return link(x.i) + " · " + escape(page.getAttribute("data-amended-by")) + " " + link(x.by); }),
        pending: c.pending.map(dated)
      };
      Object.keys(items).forEach(function (k) {
        page.querySelector('[data-list="' + k + '"]').innerHTML = items[k].map(function (h) { return "<li>" + h + "</li>"; }).join("");
        page.querySelector('[data-count="' + k + '"]').textContent = items[k].length;
      });
      var times = document.querySelectorAll("#compare-period time");
      times[0].textContent = from; times[0].setAttribute("datetime", from);
      times[1].textContent = to; times[1].setAttribute("datetime", to);
    }

    function apply(push) {
      var from = form.from.value, to = form.to.value;
      if (!DAY.test(from) || !DAY.test(to)) return;
      if (to < from) { var t = from; from = to; to = t; }
      show(from, to);
      var q = new URLSearchParams(location.search);
      q.set("from", from); q.set("to", to);
      // The dates go in the address, so that the comparison can be shared.
      try { history[push ? "pushState" : "replaceState"](null, "", "?" + q.toString()); } catch (e) { /* file:// in some browsers */ }
    }

    var q = new URLSearchParams(location.search);
    if (DAY.test(q.get("from") || "")) form.from.value = q.get("from");
    if (DAY.test(q.get("to") || "")) form.to.value = q.get("to");
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.from.addEventListener("change", function () { apply(false); });
    form.to.addEventListener("change", function () { apply(false); });
    apply(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
