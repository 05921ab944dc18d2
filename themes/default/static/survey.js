/* Candor survey form.
 *
 * Turns the answers on the page into a response file in the documented format
 * (docs/response-format.md, "candor-response/1") and nothing else: no time finer than the day,
 * nothing about the browser or device. It checks required answers and ranges, applies the
 * skip rules (answers to hidden questions are left out), then downloads the file and, when the
 * survey names a collection URL, sends it there first and downloads only if that fails. A
 * response that failed for want of a connection or a working server is also queued on this
 * device and sent again when the browser comes online and on the next visit.
 * It works from a file opened from disk with no network: no request is made except those POSTs.
 * When the survey has a public key (data-public-key), the response is sealed to it with HPKE
 * (survey-hpke.js) before it is downloaded, queued or sent: only the survey team can read it.
 */
(function () {
  "use strict";

  var FORMAT = "candor-response/1";
  var ENVELOPE_FORMAT = "candor-encrypted-response/1";
  var SEND_TIMEOUT_MS = 15000;

  var form = document.getElementById("survey-form");
  if (!form) {
    return;
  }
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var summary = document.getElementById("survey-errors");
  var status = document.getElementById("survey-status");
  var submit = document.getElementById("survey-submit");
  var done = document.getElementById("survey-done");
  var saveAgain = document.getElementById("survey-save-again");
  var startNew = document.getElementById("survey-new");
  /* How many responses wait on this device to be sent, shown above the form. */
  var waiting = document.createElement("p");
  waiting.className = "survey-waiting";
  waiting.id = "survey-waiting";
  waiting.setAttribute("role", "status");
  waiting.hidden = true;
  form.parentNode.insertBefore(waiting, form);

  /* The messages in the page's language, from the theme's i18n/ files, which the page carries
   * as JSON. A message with a number has a form per plural category of the language, chosen
   * with the browser's plural rules; {name} stands for a value put in here. */
  var messages = {};
  var messageBlock = document.getElementById("survey-messages");
  try {
    messages = messageBlock ? JSON.parse(messageBlock.textContent) : {};
  } catch (ignored) {
    messages = {};
  }
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;

  function say(key, values) {
    var message = messages[key];
    values = values || {};
    if (message && typeof message === "object") {
      var category = plurals && typeof values.count === "number" ? plurals.select(values.count) : "other";
      message = message[category] || message.other;
    }
    if (typeof message !== "string") {
      return key;
    }
    return message.replace(/\{([a-z]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Text made only of characters that show nothing is blank. The page carries the collector's
   * own table of those characters (data-blank), so both draw the line in the same place. */
  var blankClass = form.getAttribute("data-blank");
  var BLANK = blankClass ? new RegExp("^[" + blankClass + "]*$", "u") : /^\s*$/;

  function isBlank(text) {
    return BLANK.test(text);
  }

  /* The response being made: one id per response, kept if it is submitted again. */
  var current = { id: null, json: null, fileName: null };

  function controlsOf(question) {
    return Array.prototype.slice.call(question.querySelectorAll("input, textarea"));
  }

  function questionById(id) {
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].getAttribute("data-question") === id) {
        return questions[i];
      }
    }
    return null;
  }

  /* The answer a question holds now, in the response format, or undefined when unanswered. */
  function answerOf(question) {
    var type = question.getAttribute("data-type");
    var controls = controlsOf(question);
    if (type === "multiple") {
      var picked = controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      return picked.length ? picked : undefined;
    }
    if (type === "single" || type === "likert" || type === "rating") {
      var chosen = controls.filter(function (c) { return c.checked; })[0];
      if (!chosen) {
        return undefined;
      }
      return type === "single" ? chosen.value : parseInt(chosen.value, 10);
    }
    var input = controls[0];
    if (type === "number") {
      if (input.validity && input.validity.badInput) {
        return NaN;
      }
      var text = input.value.trim();
      return text === "" ? undefined : Number(text);
    }
    var written = input.value.trim();
    return isBlank(written) ? undefined : written;
  }

  function conditionHolds(question, answer) {
    var test = question.getAttribute("data-show-if-test");
    if (answer === undefined) {
      return false;
    }
    if (test === "answered") {
      return true;
    }
    var wanted = (question.getAttribute("data-show-if-values") || "").split(" ");
    var given = Array.isArray(answer) ? answer : [answer];
    return given.some(function (value) { return wanted.indexOf(String(value)) !== -1; });
  }

  /* Applies the skip rules in question order and returns what is shown and answered. A
   * question is shown when it has no rule, or when the question its rule tests is shown and
   * its answer passes, so hiding cascades. Hidden questions contribute no answer. */
  function applySkipRules() {
    var shown = {};
    var answers = {};
    questions.forEach(function (question) {
      var id = question.getAttribute("data-question");
      var target = question.getAttribute("data-show-if-question");
      var isShown = !target || (shown[target] === true && conditionHolds(question, answers[target]));
      shown[id] = isShown;
      question.hidden = !isShown;
      controlsOf(question).forEach(function (control) { control.disabled = !isShown; });
      if (isShown) {
        var answer = answerOf(question);
        if (answer !== undefined) {
          answers[id] = answer;
        }
      } else {
        clearError(question);
      }
    });
    renumber(shown);
    return { shown: shown, answers: answers };
  }

  /* Numbers the shown questions 1, 2, 3… in order, so that hidden ones leave no gap, and
   * keeps each skip rule's "in question N" pointing at its question's new number. Without the
   * script, and on paper (where every question prints), each question keeps the number printed
   * on the page. */
  function renumber(shown) {
    var numbers = {};
    var next = 1;
    questions.forEach(function (question) {
      var id = question.getAttribute("data-question");
      if (shown === null) {
        numbers[id] = question.getAttribute("data-number");
      } else if (shown[id]) {
        numbers[id] = String(next);
        next += 1;
      }
    });
    questions.forEach(function (question) {
      var label = question.querySelector(".question-number");
      var number = numbers[question.getAttribute("data-question")];
      if (label && number) {
        label.textContent = number + ".";
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-question-ref]"), function (reference) {
      var number = numbers[reference.getAttribute("data-question-ref")];
      if (number) {
        reference.textContent = number;
      }
    });
  }

  /* Whether the survey has closed: as the page was built, or by the respondent's own calendar,
   * so that a page built while it was open still refuses after the closing day. */
  function isClosed() {
    return form.getAttribute("data-status") === "closed" || today() > form.getAttribute("data-closes");
  }

  /* A closed survey says so at the top and offers no way to submit, before anyone answers. */
  function refuseAsClosed() {
    var notice = document.getElementById("survey-closed");
    var dates = document.getElementById("survey-dates");
    var actions = document.getElementById("survey-actions");
    if (notice) {
      notice.hidden = false;
    }
    if (dates) {
      dates.hidden = true;
    }
    if (actions) {
      actions.hidden = true;
    }
    if (submit) {
      submit.hidden = true;
      submit.disabled = true;
    }
  }

  function numberAttribute(element, name) {
    var value = element.getAttribute(name);
    return value === null || value === "" ? null : Number(value);
  }

  /* What is wrong with a shown question's answer, or null. */
  function problemWith(question, answer) {
    var type = question.getAttribute("data-type");
    if (answer === undefined) {
      return question.getAttribute("data-required") === "true" ? say("survey-error-required") : null;
    }
    if (type === "number") {
      var input = controlsOf(question)[0];
      var min = numberAttribute(input, "min");
      var max = numberAttribute(input, "max");
      var whole = input.getAttribute("step") === "1";
      if (typeof answer !== "number" || !isFinite(answer)) {
        return say("survey-error-not-a-number");
      }
      if (whole && !Number.isInteger(answer)) {
        return say("survey-error-not-whole");
      }
      /* Beyond this a browser cannot hold a whole number exactly, nor write it with digits. */
      if (whole && !Number.isSafeInteger(answer)) {
        return say("survey-error-too-large");
      }
      if ((min !== null && answer < min) || (max !== null && answer > max)) {
        if (min !== null && max !== null) {
          return say("survey-error-number-range", { min: min, max: max });
        }
        return min !== null ? say("survey-error-number-at-least", { min: min }) : say("survey-error-number-at-most", { max: max });
      }
    }
    if (type === "multiple") {
      var least = numberAttribute(question, "data-min-selected");
      var most = numberAttribute(question, "data-max-selected");
      if (least !== null && answer.length < least) {
        return say("survey-error-too-few", { min: least, count: answer.length });
      }
      if (most !== null && answer.length > most) {
        return say("survey-error-too-many", { max: most, count: answer.length });
      }
      var alone = exclusiveChoices(question).filter(function (c) { return answer.indexOf(c.value) !== -1; })[0];
      if (alone && answer.length > 1) {
        return say("survey-error-exclusive", { label: labelOf(alone) });
      }
    }
    if (type === "text" || type === "long_text") {
      var limit = numberAttribute(controlsOf(question)[0], "maxlength");
      var length = Array.from(answer).length;
      if (limit !== null && length > limit) {
        return say("survey-error-too-long", { max: limit, count: length });
      }
    }
    return null;
  }

  /* The choices of a question that can only be chosen alone ("None of these"). */
  function exclusiveChoices(question) {
    return controlsOf(question).filter(function (c) { return c.getAttribute("data-exclusive") === "true"; });
  }

  function labelOf(control) {
    var label = form.querySelector("label[for=\"" + control.id + "\"]");
    return label ? label.textContent.trim() : control.value;
  }

  /* Ticking a choice that is chosen alone unticks the others; ticking another unticks it. */
  function keepExclusiveAlone(control) {
    if (!control || control.type !== "checkbox" || !control.checked) {
      return;
    }
    var question = control.closest("[data-question]");
    var isExclusive = control.getAttribute("data-exclusive") === "true";
    controlsOf(question).forEach(function (other) {
      if (other !== control && other.checked && (isExclusive || other.getAttribute("data-exclusive") === "true")) {
        other.checked = false;
      }
    });
  }

  function errorElement(question) {
    return question.querySelector(".question-error");
  }

  /* Ties the error to the question's controls so assistive technology reads it with them. */
  function showError(question, message) {
    var error = errorElement(question);
    error.textContent = message;
    error.hidden = false;
    controlsOf(question).forEach(function (control) {
      control.setAttribute("aria-invalid", "true");
      var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(error.id) === -1) {
        control.setAttribute("aria-describedby", [error.id].concat(described).join(" "));
      }
    });
    question.classList.add("question-invalid");
  }

  function clearError(question) {
    var error = errorElement(question);
    if (error.hidden) {
      return;
    }
    error.hidden = true;
    error.textContent = "";
    controlsOf(question).forEach(function (control) {
      control.removeAttribute("aria-invalid");
      var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== error.id;
      });
      if (described.length) {
        control.setAttribute("aria-describedby", described.join(" "));
      } else {
        control.removeAttribute("aria-describedby");
      }
    });
    question.classList.remove("question-invalid");
  }

  function firstControlId(question) {
    var control = controlsOf(question)[0];
    return control ? control.id : question.id;
  }

  /* Lists every problem at the top, each linked to its question, and moves focus there so
   * that keyboard and screen-reader users learn of them at once. */
  function showSummary(problems) {
    summary.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = say("survey-errors-heading", { count: problems.length });
    summary.appendChild(heading);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var controlId = firstControlId(problem.question);
      link.href = "#" + controlId;
      link.textContent = say("survey-problem", { question: problem.label, message: problem.message });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var control = document.getElementById(controlId);
        if (control) {
          control.focus();
        }
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function hideSummary() {
    summary.hidden = true;
    summary.textContent = "";
  }

  function showMessage(text) {
    summary.textContent = "";
    var paragraph = document.createElement("p");
    paragraph.textContent = text;
    summary.appendChild(paragraph);
    summary.hidden = false;
    summary.focus();
  }

  function questionLabel(question) {
    var number = question.querySelector(".question-number");
    return say("survey-question", { number: number ? number.textContent.replace(".", "") : question.getAttribute("data-question") });
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* Today in the respondent's own calendar: the day, never the time. */
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* A random UUID version 4. crypto.randomUUID needs a secure context, which a file opened
   * from disk may not be; getRandomValues works everywhere. */
  function randomUuid() {
    var cryptoApi = window.crypto;
    if (cryptoApi && typeof cryptoApi.randomUUID === "function") {
      try {
        return cryptoApi.randomUUID();
      } catch (ignored) {
        /* fall through to getRandomValues */
      }
    }
    if (!cryptoApi || typeof cryptoApi.getRandomValues !== "function") {
      return null;
    }
    var bytes = cryptoApi.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  /* Random hex from getRandomValues: a file name that says nothing about the response. */
  function randomHex(bytes) {
    var values = window.crypto.getRandomValues(new Uint8Array(bytes));
    return Array.prototype.map.call(values, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /* The response file: the response itself, or, when the survey has a public key, the
   * envelope that seals it (docs/response-format.md), named without the response id. Rejects
   * when this page cannot encrypt: nothing readable is ever saved for an encrypted survey. */
  function pack(response) {
    var json = JSON.stringify(response);
    var publicKey = form.getAttribute("data-public-key");
    if (!publicKey) {
      return Promise.resolve({ json: json, fileName: response.survey + "-" + response.response_id + ".json" });
    }
    if (typeof CandorHpke === "undefined" || !CandorHpke.isAvailable()) {
      return Promise.reject(new Error("no WebCrypto"));
    }
    var binding = CandorHpke.text(ENVELOPE_FORMAT + "\n" + response.survey + "\n" + response.version);
    return CandorHpke.seal(CandorHpke.fromBase64(publicKey), binding, CandorHpke.text(json)).then(function (sealed) {
      var envelope = {
        format: ENVELOPE_FORMAT,
        survey: response.survey,
        version: response.version,
        key_id: form.getAttribute("data-key-id"),
        enc: sealed.enc,
        ciphertext: sealed.ciphertext
      };
      return { json: JSON.stringify(envelope), fileName: response.survey + "-" + randomHex(8) + ".json" };
    });
  }

  function download(fileName, json) {
    var blob = new Blob([json], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      link.remove();
    }, 1000);
  }

  /* POSTs the response and resolves to what became of it: "stored" (2xx: stored now or
   * before, so a resend is harmless), "conflict" (409: a different response with this id is
   * stored), "refused" (another 4xx: a definitive answer, with the server's reason when it gave
   * one) or "failed" (offline, unreachable, timed out or a server error: worth trying again). */
  function send(url, json) {
    if (navigator.onLine === false || typeof fetch !== "function") {
      return Promise.resolve({ outcome: "failed" });
    }
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: json,
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (reply) {
      if (reply.ok) {
        return { outcome: "stored" };
      }
      if (reply.status === 409) {
        return { outcome: "conflict" };
      }
      if (reply.status >= 400 && reply.status < 500) {
        return reply.json().then(function (body) {
          return { outcome: "refused", message: body && typeof body.message === "string" ? body.message : null };
        }, function () {
          return { outcome: "refused", message: null };
        });
      }
      return { outcome: "failed" };
    }, function () {
      return { outcome: "failed" };
    }).then(function (result) {
      if (timer) {
        clearTimeout(timer);
      }
      return result;
    });
  }

  /* The queue: responses that could not be sent yet, kept in this browser until the collector
   * answers. It lives in localStorage rather than IndexedDB: a response is a few kilobytes, a
   * synchronous write is done before the respondent is told it is saved, and it works the same
   * in a page opened from disk. Each entry keeps the URL it was meant for, so it goes to the
   * same store; its response id makes a resend idempotent (the collector answers 200). */
  var QUEUE_KEY = "candor-survey-queue";
  /* A page opened from disk has no origin of its own ("null"), which a collector rightly
   * refuses, and the browser cannot tell that refusal from being offline: queuing there would
   * promise a sending that never comes, so such a page only downloads the file. */
  var canQueue = window.location.protocol !== "file:";
  var flushing = false;

  function readQueue() {
    try {
      var entries = JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(entries) ? entries : [];
    } catch (ignored) {
      return [];
    }
  }

  /* Returns false when the browser keeps nothing (storage disabled or full). */
  function writeQueue(entries) {
    try {
      if (entries.length) {
        window.localStorage.setItem(QUEUE_KEY, JSON.stringify(entries));
      } else {
        window.localStorage.removeItem(QUEUE_KEY);
      }
      return true;
    } catch (ignored) {
      return false;
    }
  }

  function enqueue(entry) {
    var entries = readQueue().filter(function (queued) {
      return !(queued.url === entry.url && queued.id === entry.id);
    });
    entries.push(entry);
    return writeQueue(entries);
  }

  function dequeue(entry) {
    writeQueue(readQueue().filter(function (queued) {
      return !(queued.url === entry.url && queued.id === entry.id);
    }));
  }

  /* Shows how many responses wait on this device (a kiosk may hold several), or nothing. */
  function showWaiting(note) {
    var count = readQueue().length;
    var text = count === 0 ? "" : say("survey-waiting", { count: count });
    if (note) {
      text = note + (text ? " " + text : "");
    }
    waiting.textContent = text;
    waiting.hidden = text === "";
  }

  /* Sends the waiting responses, oldest first, and stops at the first that still fails. */
  function flushQueue() {
    if (flushing) {
      return;
    }
    var entries = readQueue();
    if (!entries.length) {
      showWaiting(null);
      return;
    }
    flushing = true;
    var notes = [];
    function next(index) {
      if (index >= entries.length) {
        return Promise.resolve();
      }
      var entry = entries[index];
      return send(entry.url, entry.json).then(function (result) {
        if (result.outcome === "failed") {
          return null;
        }
        dequeue(entry);
        if (result.outcome === "stored") {
          notes.push(say("survey-queued-sent", { file: entry.fileName }));
        } else if (result.outcome === "conflict") {
          notes.push(say("survey-queued-conflict", { file: entry.fileName }));
        } else {
          notes.push(result.message
            ? say("survey-queued-refused-because", { file: entry.fileName, reason: result.message })
            : say("survey-queued-refused", { file: entry.fileName }));
        }
        return next(index + 1);
      });
    }
    next(0).then(function () {
      flushing = false;
      showWaiting(notes.length ? notes.join(" ") : null);
    });
  }

  function finish(text) {
    status.textContent = text;
    submit.disabled = true;
    done.hidden = false;
    status.focus();
  }

  function onSubmit(event) {
    event.preventDefault();
    if (!submit || submit.disabled || isClosed()) {
      return;
    }
    var day = today();
    if (day < form.getAttribute("data-opens") || day > form.getAttribute("data-closes")) {
      showMessage(say("survey-error-outside-dates", { opens: form.getAttribute("data-opens"), closes: form.getAttribute("data-closes") }));
      return;
    }
    var state = applySkipRules();
    var problems = [];
    questions.forEach(function (question) {
      var id = question.getAttribute("data-question");
      clearError(question);
      if (!state.shown[id]) {
        return;
      }
      var message = problemWith(question, state.answers[id]);
      if (message) {
        showError(question, message);
        problems.push({ question: question, label: questionLabel(question), message: message });
      }
    });
    if (problems.length) {
      showSummary(problems);
      return;
    }
    hideSummary();
    if (!current.id) {
      current.id = randomUuid();
      if (!current.id) {
        showMessage(say("survey-error-no-random"));
        return;
      }
    }
    var response = {
      format: FORMAT,
      survey: form.getAttribute("data-survey"),
      version: Number(form.getAttribute("data-version")),
      response_id: current.id,
      submitted: day,
      answers: state.answers
    };
    submit.disabled = true;
    pack(response).then(function (packed) {
      current.json = packed.json;
      current.fileName = packed.fileName;
      deliver();
    }, function () {
      submit.disabled = false;
      showMessage(say("survey-error-cannot-encrypt"));
    });
  }

  /* Downloads the packed response, or sends it and downloads it only if that fails. */
  function deliver() {
    var collectUrl = form.getAttribute("data-collect");
    if (!collectUrl) {
      download(current.fileName, current.json);
      finish(say("survey-saved", { file: current.fileName }));
      return;
    }
    status.textContent = say("survey-sending");
    var sending = { url: collectUrl, id: current.id, json: current.json, fileName: current.fileName };
    send(collectUrl, current.json).then(function (result) {
      if (result.outcome === "stored") {
        dequeue(sending);
        showWaiting(null);
        finish(say("survey-sent"));
        return;
      }
      download(current.fileName, current.json);
      if (result.outcome === "conflict") {
        finish(say("survey-conflict", { file: current.fileName }));
      } else if (result.outcome === "refused") {
        finish(result.message
          ? say("survey-refused-because", { reason: result.message, file: current.fileName })
          : say("survey-refused", { file: current.fileName }));
      } else if (canQueue && enqueue(sending)) {
        showWaiting(null);
        finish(say("survey-queued", { file: current.fileName }));
      } else {
        finish(say("survey-not-sent", { file: current.fileName }));
      }
    });
  }

  function onChange(event) {
    keepExclusiveAlone(event.target);
    applySkipRules();
    var question = event.target.closest ? event.target.closest("[data-question]") : null;
    if (question && !errorElement(question).hidden && !question.hidden) {
      if (!problemWith(question, answerOf(question))) {
        clearError(question);
      }
    }
  }

  function startAgain() {
    form.reset();
    current = { id: null, json: null, fileName: null };
    questions.forEach(clearError);
    hideSummary();
    applySkipRules();
    status.textContent = "";
    done.hidden = true;
    submit.disabled = false;
    var first = questions[0] && controlsOf(questions[0])[0];
    if (first) {
      first.focus();
    }
  }

  form.addEventListener("submit", onSubmit);
  form.addEventListener("change", onChange);
  form.addEventListener("input", onChange);
  saveAgain.addEventListener("click", function () {
    if (current.json) {
      download(current.fileName, current.json);
    }
  });
  startNew.addEventListener("click", startAgain);
  window.addEventListener("beforeprint", function () { renumber(null); });
  window.addEventListener("afterprint", function () { applySkipRules(); });
  window.addEventListener("online", flushQueue);
  applySkipRules();
  flushQueue();
  if (isClosed()) {
    refuseAsClosed();
    return;
  }
  submit.hidden = false;
  submit.disabled = false;
})();
