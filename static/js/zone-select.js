// A search box before each list of time zones (a select with
// data-zone-select): typing narrows the list to the zones whose name, IANA
// key or offset hold every word typed, in Arabic or Latin letters, whatever
// the case, accents or hamza forms. Enter picks the first zone left. The
// zone already chosen always stays in the list, so typing never changes
// what the form sends. The box's label and its no-match message come from
// the select's data- attributes, in the page's language. The select is
// complete without this script.
(function () {
  "use strict";

  var ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

  // Letters as the search compares them: lower case, without Latin accents,
  // Arabic vowel marks, tatweel or the hamza an alef carries (أ إ آ are ا),
  // ة as ه, ى as ي, Arabic-Indic digits as 0-9, and "_" or "/" as spaces.
  function fold(text) {
    return text
      .normalize("NFD")
      .toLowerCase()
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/ة/g, "ه")
      .replace(/ى/g, "ي")
      .replace(/[٠-٩]/g, function (digit) {
        return String(ARABIC_DIGITS.indexOf(digit));
      })
      .replace(/[_/]/g, " ");
  }

  function enhance(select, index) {
    // Once per select, however many times the script is included.
    if (select.hasAttribute("data-zone-search")) return;
    select.setAttribute("data-zone-search", "");
    var id = (select.id || "zone-select-" + index) + "_search";
    var box = document.createElement("div");
    box.className = "zone-search";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = select.getAttribute("data-zone-search-label") || "";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.spellcheck = false;
    if (select.id) input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.className = "zone-search-status";
    status.id = id + "_status";
    status.setAttribute("role", "status");
    input.setAttribute("aria-describedby", status.id);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select);

    var entries = Array.prototype.map.call(select.options, function (option) {
      return { option: option, text: fold(option.text + " " + option.value) };
    });

    function matching() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      return entries.filter(function (entry) {
        return words.every(function (word) {
          return entry.text.indexOf(word) !== -1;
        });
      });
    }

    input.addEventListener("input", function () {
      var chosen = select.value;
      var found = matching();
      var shown = entries.filter(function (entry) {
        return entry.option.value === chosen || found.indexOf(entry) !== -1;
      });
      select.replaceChildren.apply(
        select,
        shown.map(function (entry) {
          return entry.option;
        })
      );
      select.value = chosen;
      status.textContent = found.length ? "" : select.getAttribute("data-zone-no-match") || "";
    });

    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      // Enter here picks a zone; it does not send the form.
      event.preventDefault();
      var found = matching();
      if (found.length && input.value.trim()) {
        select.value = found[0].option.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function start() {
    document.querySelectorAll("select[data-zone-select]").forEach(enhance);
  }

  // The admin loads this from its page head; the site defers it.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
