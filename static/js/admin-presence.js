/* The report form's 协同编辑 panel (templates/admin/disclosure/report/presence.html): a heartbeat tells the server
   this page is open and shows who else has the report open and whether it is locked; leaving the page says
   goodbye at once. After a refused stale save it places each difference beside its field and lets the editor
   take the other version or keep their own (disclosure/admin/stale_merge.py). Typing in the form holds the
   workflow buttons back until the text is saved: they act on what is stored, not on what is typed. */
(function () {
  "use strict";
  var panel, form, seconds;

  function token() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(data, keepalive) {
    var body = new FormData();
    Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
    return fetch(panel.getAttribute("data-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      keepalive: !!keepalive,
      // Not activity for the idle sign-out (disclosure/staff_security/idle_sessions.py).
      headers: { "X-CSRFToken": token(), "X-Background-Request": "1" }
    });
  }

  function show(selector, visible) {
    var node = panel.querySelector(selector);
    if (node) { node.hidden = !visible; }
  }

  function render(state) {
    var names = state.others.map(function (row) { return row.text; });
    panel.querySelector(".presence-names").textContent = names.join("、");
    show(".presence-others", names.length > 0);
    show(".presence-alone", names.length === 0);
    var lock = panel.querySelector(".presence-lock-text");
    if (state.lock) {
      lock.textContent = state.lock.mine
        ? "您已锁定这份年报（" + state.lock.text + "），其他人不能保存。"
        : "这份年报已由" + state.lock.text + "，锁定期间您不能保存。";
    }
    show(".presence-lock", !!state.lock);
    show(".presence-newer", String(state.version) !== panel.getAttribute("data-version"));
  }

  function beat() {
    post({ tab: panel.getAttribute("data-tab") }).then(function (response) {
      // Signed out (a redirect to the login page) or gone: stop beating, the page says the rest.
      if (!response.ok || (response.headers.get("Content-Type") || "").indexOf("json") < 0) { return; }
      return response.json().then(function (state) {
        render(state);
        setTimeout(beat, state.next * 1000);
      });
    }).catch(function () { setTimeout(beat, seconds * 1000); });
  }

  function start() {
    // The admin loads form media in <head>: the panel and the form exist only once the page is parsed.
    panel = document.getElementById("presence");
    form = document.getElementById("report_form");
    if (panel) { startHeartbeat(); }
    placeDifferences();
    if (form) { form.addEventListener("input", holdWorkflowBack); }
  }

  function startHeartbeat() {
    seconds = parseFloat(panel.getAttribute("data-seconds")) || 20;
    // The first beat comes soon: the list drawn with the page may still hold the page this one replaced
    // (a reload, a save), whose goodbye is sent only as it unloads.
    setTimeout(beat, Math.min(seconds, 1.5) * 1000);
    window.addEventListener("pagehide", function () {
      post({ tab: panel.getAttribute("data-tab"), leave: "1" }, true);
    });
  }

  // A stale save: each difference goes beside its own field, with its two buttons.
  function placeDifferences() {
    Array.prototype.forEach.call(document.querySelectorAll(".stale-field"), function (item) {
      var field = document.getElementById(item.getAttribute("data-for"));
      if (!field) { return; }
      field.parentNode.appendChild(item);
      Array.prototype.forEach.call(item.querySelectorAll("button"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          field.value = button.getAttribute("data-value");
          field.dispatchEvent(new Event("input", { bubbles: true }));
          item.classList.toggle("stale-taken", button.classList.contains("stale-take"));
          field.focus();
        });
      });
    });
  }

  // Both the workflow buttons and 锁定 leave the page: typed text would be lost, and a transition would act
  // on the stored text, not on what is typed. They come back once the form is saved.
  function holdBack(selector, text) {
    var node = document.querySelector(selector);
    if (!node || node.hidden) { return; }
    node.hidden = true;
    var note = document.createElement("p");
    note.className = "help unsaved-note";
    note.textContent = text;
    node.parentNode.insertBefore(note, node);
  }

  function holdWorkflowBack() {
    holdBack(".workflow-actions", "表单中有尚未保存的内容，保存后才能提交审核或进行其他流程操作。");
    holdBack(".presence-lock-form", "表单中有尚未保存的内容，保存后才能锁定或解除锁定。");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
