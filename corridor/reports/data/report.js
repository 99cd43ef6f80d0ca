/* corridor report: pages, sorts and filters each data table from its JSON rows.
   No network access; runs on the file as opened. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var MISSING = "\u2014";
  function format(value, column) {
    if (value === null || value === undefined || value === "") return MISSING;
    var d = column.digits;
    var opts = { minimumFractionDigits: d, maximumFractionDigits: d };
    if (column.kind === "num") return Number(value).toLocaleString("en-US", opts);
    if (column.kind === "pct") return (100 * value).toLocaleString("en-US", opts) + " %";
    if (column.kind === "flag") return value ? "yes" : "no";
    return String(value);
  }
  function compare(a, b, numeric) {
    var am = a === null || a === "", bm = b === null || b === "";
    if (am || bm) return am === bm ? 0 : am ? 1 : -1;  // missing values last either way
    if (numeric) return a - b;
    return String(a).localeCompare(String(b), "en", { numeric: true });
  }
  function setUp(box) {
    var id = box.getAttribute("data-table");
    var spec = JSON.parse(document.getElementById(id + "-data").textContent);
    var columns = spec.columns, rows = spec.rows, view = rows.slice();
    var pageSize = 50, page = 0, sortColumn = -1, direction = 1;
    var table = box.querySelector("table"), body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells, search = box.querySelector("input[type=search]");
    var count = box.querySelector(".count"), pager = box.querySelector(".pager");
    function draw() {
      var pages = Math.max(1, Math.ceil(view.length / pageSize));
      if (page >= pages) page = pages - 1;
      var start = page * pageSize, fragment = document.createDocumentFragment();
      view.slice(start, start + pageSize).forEach(function (row) {
        var tr = document.createElement("tr");
        columns.forEach(function (column, i) {
          var td = document.createElement("td");
          td.className = column.css;
          var text = format(row[i], column);
          if (column.kind === "link" && /^https?:\/\//.test(text)) {
            var a = document.createElement("a");  // followed only when clicked
            a.href = text; a.rel = "noopener noreferrer"; a.textContent = text;
            td.appendChild(a);
          } else {
            td.textContent = text;
          }
          tr.appendChild(td);
        });
        fragment.appendChild(tr);
      });
      if (!view.length) {
        var tr = document.createElement("tr"), td = document.createElement("td");
        td.colSpan = columns.length; td.className = "empty";
        td.textContent = rows.length ? "No row matches the filter." : "No rows.";
        tr.appendChild(td); fragment.appendChild(tr);
      }
      body.replaceChildren(fragment);
      count.textContent = view.length === rows.length
        ? rows.length.toLocaleString("en-US") + (rows.length === 1 ? " row" : " rows")
        : view.length.toLocaleString("en-US") + " of " + rows.length.toLocaleString("en-US") + " rows";
      pager.replaceChildren();
      if (view.length > pageSize) {
        var back = document.createElement("button"), next = document.createElement("button");
        var all = document.createElement("button"), where = document.createElement("span");
        back.textContent = "\u2039 previous"; next.textContent = "next \u203a";
        all.textContent = "show all";
        back.disabled = page === 0; next.disabled = page >= pages - 1;
        where.textContent = " rows " + (start + 1).toLocaleString("en-US") + "\u2013" +
          Math.min(start + pageSize, view.length).toLocaleString("en-US") + " of " +
          view.length.toLocaleString("en-US") + " ";
        back.onclick = function () { page -= 1; draw(); };
        next.onclick = function () { page += 1; draw(); };
        all.onclick = function () { pageSize = view.length; page = 0; draw(); };
        pager.append(back, where, next, all);
      }
    }
    function sortBy(i) {
      direction = sortColumn === i ? -direction : (columns[i].kind === "text" ? 1 : -1);
      sortColumn = i;
      var numeric = columns[i].kind === "num" || columns[i].kind === "pct";
      view.sort(function (a, b) {
        var c = compare(a[i], b[i], numeric);
        return (a[i] === null || b[i] === null || a[i] === "" || b[i] === "") ? c : direction * c;
      });
      Array.prototype.forEach.call(heads, function (th, j) {
        if (j === i) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      page = 0; draw();
    }
    function filter() {
      var q = search.value.trim().toLowerCase();
      view = !q ? rows.slice() : rows.filter(function (row) {
        return row.some(function (v, i) {
          return v !== null && format(v, columns[i]).toLowerCase().indexOf(q) >= 0;
        });
      });
      if (sortColumn >= 0) { direction = -direction; sortBy(sortColumn); } else { page = 0; draw(); }
    }
    Array.prototype.forEach.call(heads, function (th, i) {
      th.classList.add("sortable"); th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(i); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(i); }
      });
    });
    search.addEventListener("input", filter);
    draw();
  }
  document.querySelectorAll("[data-table]").forEach(setUp);
})();
