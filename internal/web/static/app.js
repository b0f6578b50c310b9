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

  // Upload form: the item list shows only the chosen provider's items.
  function providerItems(root) {
    root.querySelectorAll("select[data-provider-select]").forEach(function (prov) {
      var items = prov.form && prov.form.querySelector("select[data-item-select]");
      if (!items) { return; }
      function sync() {
        items.querySelectorAll("optgroup[data-provider]").forEach(function (g) {
          var on = g.getAttribute("data-provider") === prov.value;
          g.hidden = !on;
          g.disabled = !on;
        });
        var chosen = items.options[items.selectedIndex];
        if (chosen && chosen.parentNode.disabled) { items.value = ""; }
      }
      prov.addEventListener("change", sync);
      sync();
    });
  }

  // Upload form: send the file with XMLHttpRequest to show a progress bar.
  // The CSRF token goes in a header, so that the server can stream the
  // body to disk. The server answers 201 with the receipt's address, or
  // the form again with the reason it refused the file.
  function uploadForm(root) {
    if (!window.FormData || !window.XMLHttpRequest) { return; }
    root.querySelectorAll("form[data-upload]").forEach(function (form) {
      var box = form.querySelector("[data-upload-progress]");
      if (!box) { return; }
      var bar = box.querySelector("progress");
      var status = box.querySelector("[role=status]");
      function fail() {
        box.hidden = true;
        var problem = document.getElementById("upload-problem");
        if (problem) {
          problem.querySelector("[data-upload-message]").textContent = form.dataset.msgFailed;
          problem.hidden = false;
          problem.scrollIntoView();
        }
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var token = form.querySelector("input[name=csrf_token]");
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("X-CSRF-Token", token ? token.value : "");
        xhr.setRequestHeader("X-Upload", "1");
        xhr.responseType = "document";
        xhr.upload.addEventListener("progress", function (e) {
          if (!e.lengthComputable) { return; }
          var pct = Math.floor(e.loaded * 100 / e.total);
          bar.value = pct;
          status.textContent = form.dataset.msgSending + " " + pct + "%";
        });
        xhr.upload.addEventListener("load", function () {
          bar.removeAttribute("value"); // indeterminate while the rows are checked
          status.textContent = form.dataset.msgProcessing;
        });
        xhr.addEventListener("load", function () {
          var loc = xhr.getResponseHeader("Location");
          if (xhr.status === 201 && loc) { window.location.assign(loc); return; }
          var main = xhr.response && xhr.response.querySelector("main");
          var here = document.querySelector("main");
          if (!main || !here) { fail(); return; }
          here.replaceWith(main);
          init(main);
          main.focus();
        });
        xhr.addEventListener("error", fail);
        xhr.addEventListener("abort", fail);
        bar.value = 0;
        status.textContent = form.dataset.msgSending;
        box.hidden = false;
        xhr.send(new FormData(form));
      });
    });
  }

  // Coming back through the history cache must find the buttons usable.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach(function (b) {
      b.disabled = false;
    });
  });

  // init wires everything under root: the document, or a part of the page
  // replaced by a script (the upload form shown again with a problem).
  function init(root) {
    autosubmit(root);
    navToggle(root);
    passwordToggle(root);
    submitOnce(root);
    providerItems(root);
    uploadForm(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
