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

    // Drafts: a form marked data-draft keeps what is typed in this tab's session storage, so a reload or a dropped
    // connection loses nothing; the page that confirms the save clears it. Session storage ends with the tab, so
    // nothing stays behind on a shared computer.
    var saved = document.querySelector("[data-draft-saved]");
    if (saved) sessionStorage.removeItem("qadam.draft." + saved.getAttribute("data-draft-saved"));
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
        var key = "qadam.draft." + form.getAttribute("data-draft");
        var fields = function () {
            return Array.prototype.filter.call(form.elements, function (e) { return e.name && e.name !== "__RequestVerificationToken" && e.type !== "submit"; });
        };
        var stored = sessionStorage.getItem(key);
        // Restore only onto a fresh form (a form re-shown with errors already holds what was sent).
        if (stored && !form.querySelector(".error")) {
            var values = JSON.parse(stored);
            fields().forEach(function (e, i) {
                var v = values[i];
                if (!v || v[0] !== e.name) return;
                if (e.type === "checkbox" || e.type === "radio") e.checked = v[1] === true; else e.value = v[1];
            });
        }
        var save = function () {
            sessionStorage.setItem(key, JSON.stringify(fields().map(function (e) {
                return [e.name, e.type === "checkbox" || e.type === "radio" ? e.checked : e.value];
            })));
        };
        form.addEventListener("input", save);
        form.addEventListener("change", save);
    });
});
