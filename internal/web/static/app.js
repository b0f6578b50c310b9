// SPDX-License-Identifier: Apache-2.0
//
// Xinrong UI behaviour. The Content-Security-Policy forbids inline scripts
// and event handlers, so everything interactive is wired here from data-*
// attributes. Every page works without this file; it only adds comfort.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // Filters that submit their form as soon as they change.
  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () {
        var page = el.form && el.form.querySelector("input[name=page]");
        if (page) { page.value = "1"; }
        if (el.form) {
          if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
        }
      });
    });
  }

  // The header menu folds away on narrow screens behind a button.
  function navToggle(root) {
    root.querySelectorAll("[data-nav-toggle]").forEach(function (btn) {
      var target = document.getElementById(btn.getAttribute("aria-controls"));
      if (!target) { return; }
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var open = btn.getAttribute("aria-expanded") !== "true";
        btn.setAttribute("aria-expanded", open ? "true" : "false");
        target.classList.toggle("open", open);
      });
    });
  }

  // Show or hide the password being typed.
  function passwordToggle(root) {
    root.querySelectorAll("[data-password-toggle]").forEach(function (btn) {
      var input = document.getElementById(btn.getAttribute("aria-controls"));
      if (!input) { return; }
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var show = input.type === "password";
        input.type = show ? "text" : "password";
        btn.setAttribute("aria-pressed", show ? "true" : "false");
        btn.textContent = show ? btn.dataset.hideLabel : btn.dataset.showLabel;
      });
    });
  }

  // Forms disable their submit button once sent, so a slow answer does not
  // invite a second login or a duplicate request.
  function submitOnce(root) {
    root.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          window.setTimeout(function () { b.disabled = true; }, 0);
        });
      });
    });
  }

  // Coming back through the history cache must find the buttons usable.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach(function (b) {
      b.disabled = false;
    });
  });

  function init() {
    autosubmit(document);
    navToggle(document);
    passwordToggle(document);
    submitOnce(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
