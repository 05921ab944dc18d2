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

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    if (style) {
      node.setAttribute("style", style);
    }
    return node;
  }

  function showProblems(problems) {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
    var overlay = element(
      "section",
      null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 system-ui,sans-serif"
    );
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    var title = element("h2", "The site did not rebuild", "margin-top:0;color:#ffb4a9");
    title.id = OVERLAY_ID + "-title";
    overlay.appendChild(title);
    overlay.appendChild(
      element(
        "p",
        "This page is the last version that built. Fix the problem below and save: the page reloads by itself."
      )
    );
    var list = element("ul", null, "padding-left:1.2rem");
    problems.forEach(function (problem) {
      var item = element("li", null, "margin:.75rem 0");
      if (problem.location) {
        item.appendChild(element("code", problem.location, "color:#9ecbff"));
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(element("strong", problem.severity + ": "));
      item.appendChild(document.createTextNode(problem.message));
      if (problem.hint) {
        item.appendChild(element("div", "hint: " + problem.hint, "color:#ccc"));
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "Hide", "font:inherit;padding:.25rem 1rem");
    close.type = "button";
    close.addEventListener("click", function () {
      overlay.remove();
    });
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }
})();
