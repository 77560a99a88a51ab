/* Small helpers for every page: send a practice finished while offline, and clear it on sign-out. */
(function () {
  "use strict";
  var KEY = "selfkind-pending-practice";
  function flush() {
    var raw = localStorage.getItem(KEY);
    if (!raw || navigator.onLine === false) return;
    try {
      var pending = JSON.parse(raw), body = new URLSearchParams(pending.data);
      fetch(pending.url, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
        .then(function (response) { if (response.type === "opaqueredirect" || response.ok) localStorage.removeItem(KEY); });
    } catch (e) { localStorage.removeItem(KEY); }
  }
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () {
    flush();
    document.querySelectorAll("form[data-clears-device]").forEach(function (form) {
      form.addEventListener("submit", function () { localStorage.removeItem(KEY); });
    });
  });
})();
