/*
 * "My investments" follows what is on its way without reloading: while an investment is being deposited or
 * cancelled it asks /my/investments-live every few seconds and updates each investment's status, its round's status
 * and progress, and the deposit's transaction, with the labels in the page's language. It stops when nothing is on
 * its way any more.
 */
(function () {
    "use strict";
    var table = document.getElementById("investments");
    if (!table || !window.fetch || table.getAttribute("data-on-its-way") !== "true") {
        return;
    }
    var every = 2000;
    var source = table.getAttribute("data-live") + "?lang=" + encodeURIComponent(table.getAttribute("data-lang"));

    function update(element, status, label) {
        if (element && element.getAttribute("data-status") !== status) {
            element.setAttribute("data-status", status);
            element.textContent = label;
        }
    }

    function apply(item) {
        var status = table.querySelector(".investment-status[data-id='" + item.id + "']");
        if (!status) {
            return;
        }
        var row = status.closest("tr");
        update(status, item.status, item.statusLabel);
        var round = row.querySelector(".round-status");
        if (round) {
            var text = item.roundStatusLabel + " · " + item.roundPercentOfGoal + "%";
            round.setAttribute("data-status", item.roundStatus);
            if (round.textContent !== text) {
                round.textContent = text;
            }
        }
        var tx = row.querySelector(".deposit-tx");
        if (tx && item.depositTxHash && tx.textContent !== item.depositTxHash) {
            tx.textContent = item.depositTxHash;
        }
    }

    function poll() {
        fetch(source, {headers: {"Accept": "application/json"}, cache: "no-store", credentials: "same-origin"})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (live) {
                if (!live) {
                    window.setTimeout(poll, every);
                    return;
                }
                live.investments.forEach(apply);
                if (live.onItsWay) {
                    window.setTimeout(poll, every);
                } else {
                    table.setAttribute("data-on-its-way", "false");
                }
            })
            .catch(function () { window.setTimeout(poll, every); });
    }

    window.setTimeout(poll, every);
})();
