// Narrows the Kreis list to the chosen Land. Without JavaScript the list shows every Land's
// Kreise in groups, and the server refuses a Kreis outside the Land, so this only saves scrolling.
(function () {
  "use strict";
  var land = document.getElementById("id_land");
  var kreis = document.getElementById("id_kreis_ags");
  if (!land || !kreis) { return; }
  function narrow(reset) {
    var chosen = land.selectedIndex > 0 ? land.options[land.selectedIndex].text.trim() : "";
    var groups = kreis.getElementsByTagName("optgroup");
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      var selectedHere = kreis.selectedOptions.length && kreis.selectedOptions[0].parentNode === group;
      var other = chosen !== "" && group.label !== chosen && !(selectedHere && !reset);
      group.hidden = other;
      group.disabled = other; // browsers that ignore hidden on optgroup still grey these out
      if (reset && other && selectedHere) {
        kreis.value = "";
      }
    }
  }
  land.addEventListener("change", function () { narrow(true); });
  narrow(false); // on load keep a choice the server has just refused, so its message makes sense
})();
