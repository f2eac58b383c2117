/* A table wider than its box scrolls sideways inside it. Keyboard users must be able to reach
   that box to scroll it (WCAG 2.1.1): it becomes a focusable, named region — only while it
   actually overflows, so narrow tables stay out of the tab order. */
(function () {
  "use strict";
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.trim().replace(/\s+/g, " ") : "";
    if (text) return text;
    return document.documentElement.lang === "en" ? "Table" : "Tabelle";
  }
  function update() {
    var wraps = document.querySelectorAll(".zz-table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.dataset.zzStatic === undefined) {
        wrap.dataset.zzStatic = wrap.hasAttribute("tabindex") ? "1" : "0";
      }
      if (wrap.dataset.zzStatic === "1") continue;  // the template made it a region itself
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-labelledby")) wrap.setAttribute("aria-label", label(wrap));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
  document.addEventListener("htmx:afterSettle", update);
})();
