// The review sheet's print button (no inline scripts under the Content-Security-Policy).
(function () {
    "use strict";
    var button = document.querySelector("[data-print]");
    if (button) {
        button.addEventListener("click", function () { window.print(); });
    }
})();
