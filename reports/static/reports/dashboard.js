// The organisers' dashboard: one Chart.js chart per table that has one (the data comes from the
// page itself, in the JSON script "dashboard-charts"; nothing is fetched).
(function () {
    "use strict";
    var data = document.getElementById("dashboard-charts");
    if (!data || typeof Chart === "undefined") {
        return;
    }
    var colour = "#b22222";
    JSON.parse(data.textContent).forEach(function (spec) {
        var canvas = document.getElementById(spec.id);
        if (!canvas) {
            return;
        }
        new Chart(canvas, {
            type: spec.kind,
            data: {
                labels: spec.labels,
                datasets: [
                    {
                        data: spec.values,
                        backgroundColor: spec.kind === "line" ? "rgba(178, 34, 34, 0.15)" : colour,
                        borderColor: colour,
                        fill: spec.kind === "line",
                        tension: 0.2,
                    },
                ],
            },
            options: {
                animation: false,
                maintainAspectRatio: false,
                plugins: { legend: { display: false } },
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
            },
        });
        canvas.closest(".dashboard-chart").dataset.drawn = "true";
    });
})();
