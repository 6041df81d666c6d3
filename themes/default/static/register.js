/* The register's filters, sorting and point-in-time view. The table works
   without this script; the script only hides rows and reorders them. The
   filters live in the URL (?topic=&status=&by=&year=&on=) so a view can be
   shared. */
(function () {
  "use strict";
  var form = document.getElementById("register-filters");
  var table = document.getElementById("register");
  if (!form || !table) return;
  form.hidden = false;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("register-count");
  var empty = document.getElementById("register-empty");
  var params = new URLSearchParams(location.search);
  ["topic", "status", "by", "year", "on"].forEach(function (k) {
    if (params.has(k) && form.elements[k]) form.elements[k].value = params.get(k);
  });

  /* In force on date `on`: adopted, taken by then, not yet ended. */
  function inForceOn(row, on) {
    var d = row.dataset;
    return d.status === "adopted" && d.date <= on && (!d.ended || d.ended > on);
  }

  function apply() {
    var f = form.elements;
    var topic = f.topic.value, status = f.status.value, by = f.by.value, year = f.year.value, on = f.on.value;
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!topic || (" " + d.topics).indexOf(" " + topic + " ") >= 0) &&
        (!by || d.by === by) && (!year || d.year === year) &&
        (!status || (status === "in-force" ? d.effective === "adopted" : d.effective === status)) &&
        (!on || inForceOn(row, on));
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown;
    empty.hidden = shown !== 0;
    var q = new URLSearchParams();
    ["topic", "status", "by", "year", "on"].forEach(function (k) { if (f[k].value) q.set(k, f[k].value); });
    var qs = q.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  }

  var sortKey = "date", ascending = false;
  table.querySelectorAll("th button[data-sort]").forEach(function (b) {
    b.addEventListener("click", function () {
      var key = b.dataset.sort;
      ascending = key === sortKey ? !ascending : key !== "date";
      sortKey = key;
      var field = { date: "date", title: "title", by: "by", status: "effective" }[key];
      rows.sort(function (a, c) {
        var x = a.dataset[field] || "", y = c.dataset[field] || "";
        return (ascending ? 1 : -1) * x.localeCompare(y);
      });
      rows.forEach(function (r) { body.appendChild(r); });
      table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
      b.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
