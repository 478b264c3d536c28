// Circulation desk: a barcode scanner types a code and presses Enter.
// In the scan box, Enter adds the code to the list and clears the box, so
// several books can be scanned in a row; Enter in the empty box submits.
(function () {
  "use strict";

  function setup(form) {
    var scan = form.querySelector("[data-desk-scan]");
    var list = form.querySelector("[data-desk-barcodes]");
    var count = form.querySelector("[data-desk-count]");
    if (!scan || !list) {
      return;
    }

    function codes() {
      return list.value.split(/[\s,，;；]+/).filter(function (code) {
        return code !== "";
      });
    }

    function showCount() {
      if (!count) {
        return;
      }
      var n = codes().length;
      count.hidden = n === 0;
      count.textContent = (count.dataset.template || "%s").replace("%s", n);
    }

    scan.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") {
        return;
      }
      var code = scan.value.trim();
      if (code === "") {
        return; // an empty scan box submits the form
      }
      event.preventDefault();
      if (codes().indexOf(code) === -1) {
        list.value = (list.value.trim() === "" ? "" : list.value.replace(/\s*$/, "\n")) + code;
      }
      scan.value = "";
      showCount();
    });
    list.addEventListener("input", showCount);
    showCount();

    // Keep the focus in the scan box after the page comes back.
    if (scan.hasAttribute("autofocus")) {
      scan.focus();
    }
  }

  function init() {
    document.querySelectorAll("[data-desk-form]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
