/*
 * A round's page follows its progress without reloading: while the round takes investments it reads the public
 * round (GET /api/rounds/{id}) every few seconds and updates what was raised, the percentage and its bar, the
 * investors and the time left; when the round's status changes it reloads once, so every label is the server's.
 */
(function () {
    "use strict";
    var progress = document.getElementById("progress");
    if (!progress || !window.fetch) {
        return;
    }
    var lang = progress.getAttribute("data-lang");
    var every = 4000;

    function set(id, text) {
        var element = document.getElementById(id);
        if (element && element.textContent !== text) {
            element.textContent = text;
        }
    }

    function left(seconds) {
        if (seconds <= 0) {
            return "–";
        }
        var days = Math.floor(seconds / 86400), hours = Math.floor(seconds % 86400 / 3600),
            minutes = Math.floor(seconds % 3600 / 60);
        var ko = lang === "ko";
        if (days > 0) {
            return days + (ko ? "일 " : "d ") + hours + (ko ? "시간" : "h");
        }
        if (hours > 0) {
            return hours + (ko ? "시간 " : "h ") + minutes + (ko ? "분" : "m");
        }
        return Math.max(1, minutes) + (ko ? "분" : "m");
    }

    function poll() {
        fetch(progress.getAttribute("data-api"), {headers: {"Accept": "application/json"}, cache: "no-store"})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (round) {
                if (!round) {
                    return;
                }
                if (round.status !== progress.getAttribute("data-status")) {
                    window.location.reload();
                    return;
                }
                set("raised", round.raised + " PKN");
                set("percent", String(round.percentOfGoal));
                set("investors", String(round.investors));
                set("time-left", left(round.secondsLeft));
                var bar = document.getElementById("progress-bar");
                if (bar) {
                    bar.style.width = Math.max(0, Math.min(100, round.percentOfGoal)) + "%";
                    bar.parentNode.setAttribute("aria-valuenow", String(round.percentOfGoal));
                }
            })
            .catch(function () { /* the next poll tries again */ })
            .then(function () { window.setTimeout(poll, every); });
    }

    window.setTimeout(poll, every);
})();
