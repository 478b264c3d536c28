/* 书香机关 portal: the only script on the public site (CSP script-src 'self'). */
(function () {
    "use strict";
    var root = document.documentElement;
    root.classList.add("js");

    // Mobile menu toggle.
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", open ? "false" : "true");
            nav.classList.toggle("is-open", !open);
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && nav.classList.contains("is-open")) {
                nav.classList.remove("is-open");
                toggle.setAttribute("aria-expanded", "false");
                toggle.focus();
            }
        });
    }

    // Bring a form's error summary into view and focus so screen readers announce it.
    var summary = document.querySelector(".error-summary");
    if (summary) {
        summary.setAttribute("tabindex", "-1");
        summary.focus();
    }
})();
