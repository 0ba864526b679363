/* 统计表 page: move like a spreadsheet, paste blocks from Excel or WPS, and recompute the sums as staff type.
   The server's checks (tables/rules.py) stay the authority and are shown after saving; this only answers sooner.
   Messages repeat the server's wording so staff see the same sentence before and after saving. */
(function () {
  "use strict";
  var form = document.getElementById("stat-form");
  if (!form) { return; }
  var live = document.getElementById("stat-live");
  var NOT_FILLED = ["", "/", "-", "—", "——"];
  var OUTCOMES = ["upheld", "corrected", "other", "pending"];

  function all(selector, root) { return Array.prototype.slice.call((root || form).querySelectorAll(selector)); }

  // ---- moving ----------------------------------------------------------------------------------------
  function rows() {
    return all("table.stat-entry-table tr").map(function (tr) { return all("input[data-table]", tr); })
      .filter(function (list) { return list.length; });
  }

  function where(list, input) {
    for (var r = 0; r < list.length; r += 1) {
      var i = list[r].indexOf(input);
      if (i >= 0) { return [r, i]; }
    }
    return null;
  }

  function go(input) { if (input) { input.focus(); input.select(); } }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-table]")) { return; }
    var down = (event.key === "Enter" && !event.shiftKey) || event.key === "ArrowDown";
    var up = (event.key === "Enter" && event.shiftKey) || event.key === "ArrowUp";
    if (!down && !up) { return; }
    event.preventDefault(); // Enter moves down, as in a spreadsheet; it never submits half a table
    var list = rows();
    var at = where(list, input);
    var next = list[at[0] + (down ? 1 : -1)];
    if (next) { go(next[Math.min(at[1], next.length - 1)]); }
  });

  // ---- reading a cell (the rules of tables/cell_input.py) -----------------------------------------------
  function normalise(text) {
    var value = String(text).normalize("NFKC").replace(/\s/g, "").replace(/\u2212/g, "-");
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) { value = value.replace(/,/g, ""); }
    return value;
  }

  function parse(text, kind) {
    var value = normalise(text);
    if (NOT_FILLED.indexOf(value) >= 0 || value === "－" || value === "／") { return { blank: true }; }
    if (kind === "amount") {
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) {
        return { error: "“" + text + "”不是金额：请填写以万元为单位的数字，如 12.50；没有收费的填 0。" };
      }
      if (parseFloat(value) < 0) { return { error: "“" + text + "”不是有效金额：金额不能为负数。" }; }
      if ((value.split(".")[1] || "").length > 4) {
        return { error: "“" + text + "”的小数位太多：金额以万元为单位，最多保留四位小数。" };
      }
      return { value: parseFloat(value) };
    }
    if (!/^[+-]?\d+$/.test(value)) {
      if (/^[+-]?\d+\.\d+$/.test(value)) { return { error: "“" + text + "”不是整数：件数、数量只能填整数。" }; }
      return { error: "“" + text + "”不是数字：请填写整数，没有发生的填 0。" };
    }
    var number = parseInt(value, 10);
    if (number < 0 && kind !== "change") { return { error: "“" + text + "”是负数：件数、数量不能小于 0。" }; }
    return { value: number };
  }

  // ---- the blocking checks of tables/rules.py ------------------------------------------------------------
  function cells(table) {
    var found = {};
    all("input[data-table='" + table + "']").forEach(function (input) {
      var row = found[input.dataset.row] = found[input.dataset.row] || {};
      row[input.dataset.col] = input;
    });
    return found;
  }

  function number(input) {
    var read = input ? parse(input.value, input.dataset.kind) : {};
    return typeof read.value === "number" ? read.value : null;
  }

  function sum(inputs) {
    var total = 0;
    for (var i = 0; i < inputs.length; i += 1) {
      var value = number(inputs[i]);
      if (value === null) { return null; }
      total += value;
    }
    return total;
  }

  function requestChecks(report) {
    var table = form.querySelector("table[data-table='requests']");
    if (!table) { return; }
    var grid = cells("requests");
    var results = table.dataset.resultRows.split(" ");
    var columns = Object.keys(grid.new_received);
    Object.keys(grid).forEach(function (key) { // T3-col
      var row = grid[key];
      var parts = columns.filter(function (c) { return c !== "total"; }).map(function (c) { return row[c]; });
      var expected = sum(parts), total = number(row.total);
      if (expected !== null && total !== null && expected !== total) {
        report(row.total, row.total.dataset.rowLabel + "：总计 " + total + " ≠ 各列之和 " + expected, parts);
      }
    });
    columns.forEach(function (c) {
      var label = grid.new_received[c].dataset.colLabel;
      var parts = results.map(function (key) { return grid[key][c]; });
      var expected = sum(parts), total = number(grid.results_total[c]);
      if (expected !== null && total !== null && expected !== total) { // T3-result
        report(grid.results_total[c], label + "：（七）总计 " + total + " ≠ 各项办理结果之和 " + expected, parts);
      }
      var involved = [grid.new_received[c], grid.carried_over[c], grid.results_total[c], grid.carried_forward[c]];
      var v = involved.map(number);
      if (v.indexOf(null) < 0 && v[0] + v[1] !== v[2] + v[3]) { // T3-balance, the form's own note
        report(grid.carried_forward[c], label + "：本年新收 " + v[0] + " + 上年结转 " + v[1] + " = " + (v[0] + v[1]) +
          "，不等于办理结果总计 " + v[2] + " + 结转下年度 " + v[3] + " = " + (v[2] + v[3]), involved);
      }
    });
  }

  function appealChecks(report) {
    var grid = cells("appeals");
    Object.keys(grid).forEach(function (key) { // T4-sum
      var row = grid[key];
      var parts = OUTCOMES.map(function (c) { return row[c]; });
      var expected = sum(parts), total = number(row.total);
      if (expected !== null && total !== null && expected !== total) {
        report(row.total, row.total.dataset.rowLabel + "：总计 " + total +
          " ≠ 结果维持、结果纠正、其他结果、尚未审结之和 " + expected, parts);
      }
    });
  }

  function recompute() {
    var notes = new Map(), marked = new Set(), wrong = 0, sums = 0;
    var inputs = all("input[data-table]");
    function note(input, message) {
      if (!notes.has(input)) { notes.set(input, []); }
      notes.get(input).push(message);
    }
    inputs.forEach(function (input) {
      var read = parse(input.value, input.dataset.kind);
      if (read.error) { note(input, read.error); wrong += 1; }
    });
    function report(input, message, involved) { note(input, message); sums += 1; involved.forEach(function (i) { marked.add(i); }); }
    requestChecks(report);
    appealChecks(report);
    inputs.forEach(function (input) {
      var messages = notes.get(input) || [];
      var box = document.getElementById(input.getAttribute("aria-describedby"));
      box.textContent = "";
      messages.forEach(function (message) {
        var span = document.createElement("span");
        span.className = "stat-error";
        span.textContent = message;
        box.appendChild(span);
      });
      var cell = input.parentNode;
      cell.classList.toggle("stat-error", messages.length > 0);
      cell.classList.toggle("stat-marked", !messages.length && marked.has(input));
      cell.classList.toggle("stat-blank", parse(input.value, input.dataset.kind).blank === true);
      if (messages.length) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
    live.textContent = (sums || wrong)
      ? "当前有" + sums + "处合计不符、" + wrong + "格填写有误（尚未保存；保存后以系统检查为准）。"
      : "当前填写的数字合计相符（尚未保存；保存后以系统检查为准）。";
  }

  form.addEventListener("input", function (event) { if (event.target.dataset.table) { recompute(); } });

  // ---- pasting a block copied from Excel or WPS ----------------------------------------------------------
  function block(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    while (lines.length && !lines[lines.length - 1].trim()) { lines.pop(); }
    return lines.map(function (line) {
      return line.split("\t").map(function (cell) { return cell.trim().replace(/^"|"$/g, "").trim(); });
    });
  }

  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.dataset || !input.dataset.table || input.readOnly) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/[\r\n]+$/, ""))) { return; } // one value: the browser pastes it as usual
    event.preventDefault();
    var list = rows(), at = where(list, input), lost = 0, filled = 0;
    block(text).forEach(function (cellsOfLine, r) {
      var row = list[at[0] + r];
      cellsOfLine.forEach(function (value, i) {
        var target = row && row[at[1] + i];
        if (target) { target.value = value; filled += 1; } else { lost += 1; }
      });
    });
    recompute();
    live.textContent = "已粘贴" + filled + "格" + (lost ? "；另有" + lost + "个数超出表格范围，没有填入，请核对起始单元格。" : "。") + live.textContent;
  });

  // ---- 自动计算总计, in the browser (the same button works without script, on the server) ------------------
  var button = document.getElementById("stat-totals");
  if (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var count = 0;
      function set(input, value) {
        if (value !== null && input && input.value !== String(value)) { input.value = String(value); count += 1; }
      }
      var table = form.querySelector("table[data-table='requests']");
      if (table) {
        var grid = cells("requests"), results = table.dataset.resultRows.split(" ");
        Object.keys(grid.results_total).forEach(function (c) {
          set(grid.results_total[c], sum(results.map(function (key) { return grid[key][c]; })));
        });
        Object.keys(grid).forEach(function (key) {
          var row = grid[key];
          set(row.total, sum(Object.keys(row).filter(function (c) { return c !== "total"; }).map(function (c) { return row[c]; })));
        });
      }
      var appeals = cells("appeals");
      Object.keys(appeals).forEach(function (key) {
        set(appeals[key].total, sum(OUTCOMES.map(function (c) { return appeals[key][c]; })));
      });
      recompute();
      live.textContent = "已计算" + count + "个总计（尚未保存）。" + live.textContent;
    });
  }
}());
