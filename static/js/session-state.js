// Keeps a session page's state panel (upcoming, live now, ended, recording
// available) right while the page stays open: at the next change the server
// named in data-next-change, and every minute while the start is near, it
// asks the page's state address for the panel and swaps it in. The page is
// complete without this script; it only keeps the panel current.
(function () {
  "use strict";
  var MINUTE = 60 * 1000;
  var HOUR = 60 * MINUTE;
  var timer = null;

  function panel() {
    return document.querySelector("[data-session-state]");
  }

  function schedule(node) {
    if (timer) clearTimeout(timer);
    var next = Date.parse(node.getAttribute("data-next-change") || "");
    if (isNaN(next)) return;
    var wait = next - Date.now();
    // "Starts in ..." counts down: refresh it every minute in the last hour,
    // every ten minutes before.
    var step = wait < HOUR ? MINUTE : 10 * MINUTE;
    timer = setTimeout(refresh, Math.max(1000, Math.min(wait + 1000, step)));
  }

  function refresh() {
    var node = panel();
    if (!node) return;
    fetch(node.getAttribute("data-session-state"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        var holder = document.createElement("div");
        holder.innerHTML = state.html;
        var fresh = holder.querySelector("[data-session-state]");
        if (!fresh) return;
        node.replaceWith(fresh);
        schedule(fresh);
      })
      .catch(function () {
        // Try again later; the page as loaded stays as it was.
        timer = setTimeout(refresh, MINUTE);
      });
  }

  var node = panel();
  if (node) schedule(node);
})();
