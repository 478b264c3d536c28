// The reading room's screen: show each slide in turn (stars -> notes -> departments).
// The page reloads itself every hour (meta refresh), so new rounds appear without anyone touching it.
(function () {
    "use strict";
    var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
    var dots = Array.prototype.slice.call(document.querySelectorAll(".kiosk__dots li"));
    var seconds = parseInt(document.body.getAttribute("data-slide-seconds"), 10) || 12;
    var current = 0;
    function show(index) {
        slides.forEach(function (slide, i) { slide.classList.toggle("is-active", i === index); });
        dots.forEach(function (dot, i) { dot.classList.toggle("is-active", i === index); });
    }
    if (slides.length) {
        show(0);
    }
    if (slides.length > 1) {
        window.setInterval(function () {
            current = (current + 1) % slides.length;
            show(current);
        }, seconds * 1000);
    }
})();
