// The only script: a language choice applies at once (without script the form's button does it).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
    var select = document.getElementById("culture-select");
    if (select && select.form) {
        select.addEventListener("change", function () { select.form.submit(); });
        var button = select.form.querySelector("button");
        if (button) button.hidden = true;
    }
});
