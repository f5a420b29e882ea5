/*
 * "Check a contract yourself" on a round's public audit page. The PDF is hashed here, in the browser (Web Crypto's
 * SHA-256): the file never leaves the user's machine; only its hash is sent, and the platform answers whether an
 * investor signed exactly that document into this round's escrow (the termsHash of a Deposited event).
 */
(function () {
    "use strict";
    var section = document.getElementById("document-check");
    if (!section) {
        return;
    }
    var file = document.getElementById("document-file");
    var hash = document.getElementById("document-hash");
    var button = document.getElementById("document-check-button");
    var result = document.getElementById("document-result");
    var text = function (key) { return section.getAttribute("data-msg-" + key) || key; };

    function hex(buffer) {
        var bytes = new Uint8Array(buffer), out = "0x";
        for (var i = 0; i < bytes.length; i++) {
            out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
        }
        return out;
    }

    function show(state, message, deposits) {
        result.textContent = "";
        result.setAttribute("data-state", state);
        var p = document.createElement("p");
        p.id = "document-verdict";
        p.className = state === "signed" ? "verdict-ok" : "field-error";
        p.textContent = message;
        result.appendChild(p);
        if (deposits && deposits.length) {
            var list = document.createElement("ul");
            list.id = "document-deposits";
            deposits.forEach(function (d) {
                var when = d.confirmedAt ? new Date(d.confirmedAt).toLocaleString(section.getAttribute("data-lang")) : "–";
                var item = document.createElement("li");
                item.className = "document-deposit";
                item.textContent = text("deposit").replace("{wallet}", d.investor).replace("{amount}", d.amount)
                    .replace("{block}", d.block).replace("{when}", when);
                var tx = document.createElement("code");
                tx.className = "document-tx";
                tx.textContent = d.txHash;
                item.appendChild(document.createTextNode(" "));
                item.appendChild(tx);
                list.appendChild(item);
            });
            result.appendChild(list);
        }
    }

    function check(value) {
        var wanted = (value || "").trim();
        if (!/^(0x|0X)?[0-9a-fA-F]{64}$/.test(wanted)) {
            show("invalid", text("bad-hash"));
            return;
        }
        fetch(section.getAttribute("data-api") + encodeURIComponent(wanted), {headers: {"Accept": "application/json"}})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (answer) {
                hash.value = answer.sha256;
                if (answer.signed) {
                    show("signed", text("signed"), answer.deposits);
                } else {
                    show("not-signed", text("not-signed"));
                }
            })
            .catch(function () { show("failed", text("failed")); });
    }

    file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        if (!chosen) {
            return;
        }
        if (!window.crypto || !window.crypto.subtle) {
            show("failed", text("no-crypto"));
            return;
        }
        chosen.arrayBuffer()
            .then(function (bytes) { return window.crypto.subtle.digest("SHA-256", bytes); })
            .then(function (digest) {
                hash.value = hex(digest);
                check(hash.value);
            })
            .catch(function () { show("failed", text("failed")); });
    });
    button.addEventListener("click", function () { check(hash.value); });
    hash.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
            event.preventDefault();
            check(hash.value);
        }
    });
})();
