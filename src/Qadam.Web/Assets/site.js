// The site's only script (a file, so it passes the Content-Security-Policy). Everything works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
    // A language choice applies at once (without script the form's button does it).
    var select = document.getElementById("culture-select");
    if (select && select.form) {
        select.addEventListener("change", function () { select.form.submit(); });
        var button = select.form.querySelector("button");
        if (button) button.hidden = true;
    }

    // Access keys by physical key (Alt+S saves, Alt+U jumps to urgency), so they work the same on a Kazakh or Russian
    // keyboard layout, where the browser's own access keys would look for Cyrillic letters.
    document.addEventListener("keydown", function (e) {
        if (!e.altKey || e.ctrlKey || e.metaKey || !e.code || e.code.indexOf("Key") !== 0) return;
        var target = document.querySelector("[accesskey='" + e.code.slice(3).toLowerCase() + "']");
        if (!target) return;
        e.preventDefault();
        if (target.tagName === "BUTTON" || target.type === "submit") target.click(); else target.focus();
    });

    // Drafts: a form marked data-draft keeps what is typed twice over. This tab's session storage covers a reload or a
    // dropped connection; the server's copy (sent a moment after typing stops, encrypted, only for its author, gone
    // when the contact is saved or after a day) covers a closed tab or another device. The page that confirms the save
    // clears the tab's copy. Nothing stays in the browser after the tab is closed.
    var saved = document.querySelector("[data-draft-saved]");
    if (saved) sessionStorage.removeItem("qadam.draft." + saved.getAttribute("data-draft-saved"));
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
        var name = form.getAttribute("data-draft");
        var key = "qadam.draft." + name;
        var fields = function () {
            return Array.prototype.filter.call(form.elements, function (e) { return e.name && e.name !== "__RequestVerificationToken" && e.type !== "submit"; });
        };
        var stored = sessionStorage.getItem(key) || form.getAttribute("data-draft-server");
        // Restore only onto a fresh form (a form re-shown with errors already holds what was sent).
        if (stored && !form.querySelector(".error")) {
            try {
                var values = JSON.parse(stored);
                fields().forEach(function (e, i) {
                    var v = values[i];
                    if (!v || v[0] !== e.name) return;
                    if (e.type === "checkbox" || e.type === "radio") e.checked = v[1] === true; else e.value = v[1];
                });
            } catch (ignored) { /* a draft from another version of the form: start afresh */ }
        }
        var timer = null;
        var send = function (content) {
            var token = form.querySelector("input[name=__RequestVerificationToken]");
            var body = new FormData();
            body.append("key", name);
            body.append("content", content);
            if (token) body.append("__RequestVerificationToken", token.value);
            var url = window.location.pathname + "?handler=Draft";
            window.fetch(url, { method: "POST", body: body, credentials: "same-origin" }).catch(function () { /* offline: the tab's copy remains */ });
        };
        var save = function () {
            var content = JSON.stringify(fields().map(function (e) {
                return [e.name, e.type === "checkbox" || e.type === "radio" ? e.checked : e.value];
            }));
            sessionStorage.setItem(key, content);
            if (timer) window.clearTimeout(timer);
            timer = window.setTimeout(function () { send(content); }, 800);
        };
        form.addEventListener("input", save);
        form.addEventListener("change", save);
        // Submitting saves the contact itself: a copy sent after that would bring the draft back.
        form.addEventListener("submit", function () {
            if (timer) window.clearTimeout(timer);
            form.removeEventListener("input", save);
            form.removeEventListener("change", save);
        });
    });
});
