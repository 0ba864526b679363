/* Admin inlines in order without typing positions: ↑/↓ buttons (keyboard) and drag and drop (mouse).
   Positions are written from the on-screen order when the form is submitted. */
(function () {
  "use strict";

  function rows(group) {
    return Array.prototype.slice.call(group.querySelectorAll("tbody tr.form-row:not(.empty-form)"));
  }

  function isBlankNewRow(row) {
    if (row.querySelector('input[name$="-id"]') && row.querySelector('input[name$="-id"]').value) { return false; }
    return Array.prototype.every.call(row.querySelectorAll("textarea, input[type=text], input[type=date]"), function (f) { return !f.value.trim(); });
  }

  function renumber(group) {
    var n = 0;
    rows(group).forEach(function (row) {
      var field = row.querySelector('input[name$="-position"]');
      if (!field || isBlankNewRow(row)) { return; }
      n += 1;
      field.value = n;
    });
  }

  // A live preview of the numbers; the server derives the real ones (numbering.py) when saving.
  var DIGITS = "零一二三四五六七八九";
  function chinese(n) {
    var tens = Math.floor(n / 10), units = n % 10;
    if (!tens) { return DIGITS[units]; }
    return (tens === 1 ? "" : DIGITS[tens]) + "十" + (units ? DIGITS[units] : "");
  }
  function label(level, n) {
    return [null, chinese(n) + "、", "（" + chinese(n) + "）", n + ".", "（" + n + "）"][level] || "—";
  }
  function renumberPreview(group) {
    var counters = [0, 0, 0, 0, 0];
    rows(group).forEach(function (row) {
      var select = row.querySelector("select.section-level");
      var cell = row.querySelector("td.field-number p");
      if (!select || !cell) { return; }
      var deleted = row.querySelector('input[name$="-DELETE"]');
      if (isBlankNewRow(row) || (deleted && deleted.checked)) { cell.textContent = "—"; return; }
      var level = parseInt(select.value, 10);
      counters[level] += 1;
      for (var deeper = level + 1; deeper < counters.length; deeper++) { counters[deeper] = 0; }
      cell.textContent = label(level, counters[level]);
    });
  }

  function button(text, label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "order-button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function enhance(row, group) {
    var cell = row.querySelector("td.field-position");
    if (!cell || cell.querySelector(".order-button")) { return; }
    // A read-only inline (a reviewer's or publisher's view) shows the position as text: nothing to move.
    var input = cell.querySelector("input");
    if (!input) { return; }
    input.type = "hidden";
    cell.appendChild(button("↑", "上移", function () {
      var prev = row.previousElementSibling;
      if (prev && prev.classList.contains("form-row")) { row.parentNode.insertBefore(row, prev); this.focus(); }
    }));
    cell.appendChild(button("↓", "下移", function () {
      var next = row.nextElementSibling;
      if (next && next.classList.contains("form-row") && !next.classList.contains("empty-form")) { row.parentNode.insertBefore(next, row); this.focus(); }
    }));
    row.draggable = true;
    row.addEventListener("dragstart", function (e) { group._dragged = row; e.dataTransfer.effectAllowed = "move"; row.classList.add("dragging"); });
    row.addEventListener("dragend", function () { row.classList.remove("dragging"); });
    row.addEventListener("dragover", function (e) { e.preventDefault(); });
    row.addEventListener("drop", function (e) {
      e.preventDefault();
      var dragged = group._dragged;
      if (dragged && dragged !== row) {
        var after = e.clientY > row.getBoundingClientRect().top + row.offsetHeight / 2;
        row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var groups = document.querySelectorAll(".inline-group .ordered-inline, .inline-group.ordered-inline, fieldset.ordered-inline");
    groups.forEach(function (group) {
      var container = group.closest(".inline-group") || group;
      rows(container).forEach(function (row) { enhance(row, container); });
      var header = container.querySelector("th.column-position");
      if (header) { header.textContent = "顺序"; }
      container.addEventListener("click", function () { rows(container).forEach(function (row) { enhance(row, container); }); renumberPreview(container); });
      container.addEventListener("change", function () { renumberPreview(container); });
      container.addEventListener("drop", function () { renumberPreview(container); });
      var form = container.closest("form");
      if (form) { form.addEventListener("submit", function () { renumber(container); }); }
    });
    document.addEventListener("formset:added", function (event) {
      var container = event.target.closest(".inline-group");
      if (container) { enhance(event.target, container); }
    });
  });
})();
