// The reader's own time zone, where the page can use it: each session's time
// beside the summit's, an offer to group the agenda by the reader's days, and
// the zone filled in on forms that ask for one (an input or select with
// data-detect-time-zone, when empty or still holding the default that a
// surrounding data-detect-time-zone-replace names). Every page is complete
// without this script; it only adds.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  var lang = document.documentElement.lang || "en";
  // Arabic digits, as the server writes them on Arabic pages.
  if (lang === "ar") lang = "ar-u-nu-arab";
  var timeFormat = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var dayFormat = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short" });
  var zoneFormat = new Intl.DateTimeFormat(lang, { timeZoneName: "short" });

  function zoneName(date) {
    var parts = zoneFormat.formatToParts(date);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].type === "timeZoneName") return parts[i].value;
    }
    return zone;
  }

  document.querySelectorAll("[data-local-time]").forEach(function (slot) {
    var holder = slot.parentElement;
    var start = holder.querySelector("[data-local-start]");
    var end = holder.querySelector("[data-local-end]");
    if (!start || !end) return;
    var startDate = new Date(start.getAttribute("datetime"));
    var endDate = new Date(end.getAttribute("datetime"));
    if (isNaN(startDate) || isNaN(endDate)) return;
    var text = dayFormat.format(startDate) + " " + timeFormat.format(startDate) + "–" + timeFormat.format(endDate);
    slot.textContent = (slot.getAttribute("data-prefix") || "") + text + " (" + zoneName(startDate) + ")";
    slot.hidden = false;
  });

  document.querySelectorAll("input[data-detect-time-zone], select[data-detect-time-zone]").forEach(function (field) {
    var value = field.value.trim();
    var holder = field.closest("[data-detect-time-zone-replace]");
    var replaceable = holder && value === holder.getAttribute("data-detect-time-zone-replace");
    if (value !== "" && !replaceable) return;
    // A select takes the zone only when it lists it: a browser may report
    // an old alias the list leaves out.
    if (field.tagName === "SELECT") {
      var listed = Array.prototype.some.call(field.options, function (option) {
        return option.value === zone;
      });
      if (!listed) return;
    }
    field.value = zone;
  });

  var link = document.querySelector("[data-viewer-zone-link]");
  if (link) {
    var params = new URLSearchParams(window.location.search);
    params.set("tz", zone);
    link.href = "?" + params.toString();
    link.hidden = false;
  }
})();
