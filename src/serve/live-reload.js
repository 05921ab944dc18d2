// Candor live reload. Served only by `candor serve`, at __candor/live-reload.js; a theme includes
// it only when `live_reload` is true, so it never appears in a published build.
//
// Events: `hello` (the build this server is serving), `reload` (a new build is ready) and
// `problems` (the latest rebuild failed; the page shown is the last good one). Problem text comes
// from the user's files, so the overlay is built with DOM APIs and textContent only.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var OVERLAY_ID = "candor-problems";
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  var events = new EventSource(new URL("events", here).href);
  var servedGeneration = null;

  events.addEventListener("hello", function (event) {
    // A reconnect after the server restarted or rebuilt while we were away.
    if (servedGeneration !== null && servedGeneration !== event.data) {
      window.location.reload();
      return;
    }
    servedGeneration = event.data;
  });
  events.addEventListener("reload", function () {
    window.location.reload();
  });
  events.addEventListener("problems", function (event) {
    var report;
    try {
      report = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    showProblems(report.problems || []);
  });

  // The overlay lives in a shadow root under a host reset with `all: initial`, so the theme's
  // styles (its `code`, `ul` or `button` rules) cannot reach it, and its own cannot reach the
  // page. Its background is opaque: the broken page must not show through. Colours meet WCAG AA
  // (at least 4.5:1) against that background.
  var STYLE =
    ":host{all:initial;position:fixed;inset:0;z-index:2147483647;display:block}" +
    "section{box-sizing:border-box;height:100%;overflow:auto;margin:0;padding:2rem;" +
    "background:#141414;color:#fff;font:16px/1.5 system-ui,sans-serif;text-align:left}" +
    "h2{margin:0 0 1rem;font-size:1.5rem;color:#ffb4a9}" +
    "ul{padding-left:1.2rem}li{margin:.75rem 0}" +
    ".location{font:inherit;font-family:ui-monospace,monospace;color:#9ecbff;background:#141414;" +
    "padding:0;border:0}" +
    ".hint{color:#ccc}" +
    "button{font:inherit;padding:.25rem 1rem;color:#141414;background:#fff;border:2px solid #fff;" +
    "border-radius:4px}button:focus-visible{outline:3px solid #9ecbff;outline-offset:2px}";

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function showProblems(problems) {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
    var host = document.createElement("div");
    host.id = OVERLAY_ID;
    host.setAttribute("style", "all:initial;position:fixed;inset:0;z-index:2147483647");
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent = STYLE;
    root.appendChild(style);
    var overlay = element("section");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "title");
    var title = element("h2", "The site did not rebuild");
    title.id = "title";
    overlay.appendChild(title);
    overlay.appendChild(
      element(
        "p",
        "This page is the last version that built. Fix the problem below and save: the page reloads by itself."
      )
    );
    var list = element("ul");
    problems.forEach(function (problem) {
      var item = element("li");
      if (problem.location) {
        item.appendChild(element("code", problem.location, "location"));
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(element("strong", problem.severity + ": "));
      item.appendChild(document.createTextNode(problem.message));
      if (problem.hint) {
        item.appendChild(element("div", "hint: " + problem.hint, "hint"));
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "Hide");
    close.type = "button";
    close.addEventListener("click", function () {
      host.remove();
    });
    overlay.appendChild(close);
    root.appendChild(overlay);
    (document.body || document.documentElement).appendChild(host);
  }
})();
