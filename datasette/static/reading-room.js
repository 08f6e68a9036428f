// The reading room: the codes of a selected highlight in a popover, the charts, the site menu.
(function () {
  "use strict";
  var selected = null;

  // Annotation keys of a highlight and of the highlights around it, innermost first.
  function keysAt(el) {
    var keys = [];
    for (var n = el; n && n.classList && !n.classList.contains("rr-sentence"); n = n.parentElement) {
      if (n.classList.contains("hl") && n.dataset.ann && keys.indexOf(n.dataset.ann) < 0) keys.push(n.dataset.ann);
    }
    return keys;
  }

  function close() {
    var pop = document.getElementById("rr-popover");
    if (pop) pop.hidden = true;
    if (selected) selected.classList.remove("hl-selected");
    selected = null;
  }

  function open(el, byKeyboard) {
    var pop = document.getElementById("rr-popover");
    if (!pop) return;
    var list = pop.querySelector(".rr-popover-cards");
    list.textContent = "";
    keysAt(el).forEach(function (key) {
      // The cards are rendered (and escaped) by the server under each paragraph.
      var card = document.getElementById("ann-" + key);
      if (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        list.appendChild(copy);
      }
    });
    if (!list.children.length) return;
    close();
    selected = el;
    el.classList.add("hl-selected");
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    pop.style.left = (window.scrollX + Math.max(8, Math.min(r.left, width - pop.offsetWidth - 8))) + "px";
    if (byKeyboard) {
      var first = list.querySelector("a");
      if (first) first.focus();
    }
  }

  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest && ev.target.closest(".rr-text mark.hl");
    if (hl) {
      open(hl, false);
      return;
    }
    if (ev.target.closest && (ev.target.closest(".rr-popover-close") || !ev.target.closest("#rr-popover"))) close();
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      var back = selected;
      close();
      if (back) back.focus();
    } else if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches(".rr-text mark.hl")) {
      ev.preventDefault();
      open(ev.target, true);
    }
  });

  function drawCharts() {
    if (typeof vegaEmbed !== "function") return;
    document.querySelectorAll("[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      var source = document.getElementById(el.dataset.spec);
      if (!source) return;
      vegaEmbed(el, JSON.parse(source.textContent), { actions: false, renderer: "svg" }).catch(function () {
        el.textContent = "The chart could not be drawn.";
      });
    });
  }

  // Vega's scripts are deferred like this one and come after it: draw once everything has run.
  if (document.readyState === "complete") drawCharts();
  else window.addEventListener("load", drawCharts);

  // Datasette's menu closes when a click lands outside it (its inline script is not loaded here).
  document.addEventListener("click", function (ev) {
    document.querySelectorAll("details.nav-menu[open]").forEach(function (d) {
      if (!d.contains(ev.target)) d.open = false;
    });
  });
})();
