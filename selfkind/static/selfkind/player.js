/* Selfkind practice player: one step at a time, timed, with a breathing pacer, a bell and optional voice.
 * Progressive enhancement: without JavaScript the page is a readable list of steps with their times.
 * No inline styles (CSP): sizes change through the CSS object model only. */
(function () {
  "use strict";
  var player = document.getElementById("player");
  var list = document.querySelector("[data-player='steps']");
  if (!player || !list) return;
  var steps = Array.prototype.slice.call(list.querySelectorAll("li.step"));
  if (!steps.length) return;
  var $ = function (name) { return player.querySelector("[data-player='" + name + "']"); };
  var t = function (key, values) {
    var text = player.getAttribute("data-t-" + key) || "";
    Object.keys(values || {}).forEach(function (k) { text = text.replace("%(" + k + ")s", values[k]); });
    return text;
  };
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var index = 0, left = 0, running = true, activeSeconds = 0, tick = null, breathTimer = null, audio = null;

  player.hidden = false;
  document.body.classList.add("player-on");

  function fmt(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function remainingTotal() {
    var total = left;
    for (var i = index + 1; i < steps.length; i++) total += parseInt(steps[i].dataset.seconds, 10);
    return total;
  }
  function render() {
    steps.forEach(function (li, i) { li.hidden = i !== index; li.classList.toggle("current", i === index); });
    $("position").textContent = t("step", { n: index + 1, total: steps.length });
    $("remaining").textContent = t("left", { time: fmt(remainingTotal()) });
    var done = 0;
    for (var i = 0; i < index; i++) done += parseInt(steps[i].dataset.seconds, 10);
    var all = done + remainingTotal();
    $("progress").value = all ? Math.round(100 * (done + (parseInt(steps[index].dataset.seconds, 10) - left)) / all) : 0;
    var step = steps[index];
    $("muscle").textContent = step.dataset.muscle
      ? (step.dataset.phase === "tense" ? t("tense") : t("release")) + ": " + step.dataset.muscle : "";
    $("text").textContent = "";
  }
  function bell() {
    if (!$("bell").checked) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var now = audio.currentTime, osc = audio.createOscillator(), gain = audio.createGain();
      osc.type = "sine"; osc.frequency.value = 528;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.25, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 2.5);
      osc.connect(gain); gain.connect(audio.destination); osc.start(now); osc.stop(now + 2.6);
    } catch (e) { /* no audio: the step change is still shown and announced */ }
  }
  function speak() {
    if (!$("voice").checked || !window.speechSynthesis) return;
    window.speechSynthesis.cancel();
    var text = steps[index].querySelector(".step-text");
    if (text) window.speechSynthesis.speak(new SpeechSynthesisUtterance(text.textContent));
  }
  function stopBreath() {
    if (breathTimer) { clearTimeout(breathTimer); breathTimer = null; }
  }
  function breathe() {
    stopBreath();
    var step = steps[index], wrap = $("pacer-wrap"), pacer = $("pacer"), label = $("pacer-text");
    if (!step.dataset.inhale) { wrap.hidden = true; return; }
    wrap.hidden = false;
    var phases = [
      [t("in"), parseInt(step.dataset.inhale, 10), 1.0],
      [t("hold"), parseInt(step.dataset.hold || "0", 10), 1.0],
      [t("out"), parseInt(step.dataset.exhale, 10), 0.45],
      [t("hold"), parseInt(step.dataset.holdAfter || "0", 10), 0.45]
    ].filter(function (p) { return p[1] > 0; });
    var p = 0;
    function phase(count) {
      if (!running) { breathTimer = setTimeout(function () { phase(count); }, 250); return; }
      var name = phases[p][0], seconds = phases[p][1], scale = phases[p][2];
      if (count === seconds) {
        pacer.style.transitionDuration = reduced ? "0s" : seconds + "s";
        pacer.style.transform = "scale(" + scale + ")";
      }
      // With reduced motion the pacer stays still and the words count the seconds down.
      label.textContent = reduced ? name + " — " + count : name;
      breathTimer = setTimeout(function () {
        if (count > 1) { phase(count - 1); } else { p = (p + 1) % phases.length; phase(phases[p][1]); }
      }, 1000);
    }
    phase(phases[0][1]);
  }
  function start(i) {
    index = Math.max(0, Math.min(i, steps.length - 1));
    left = parseInt(steps[index].dataset.seconds, 10);
    render(); breathe(); speak();
    var focusable = steps[index].querySelector("textarea");
    if (focusable && running) focusable.focus({ preventScroll: false });
  }
  function next() {
    if (index + 1 < steps.length) { bell(); start(index + 1); }
    else { finishSteps(); }
  }
  function finishSteps() {
    stopBreath(); bell();
    running = false; clearInterval(tick);
    $("toggle").textContent = t("resume");
    $("text").textContent = t("done");
    steps.forEach(function (li) { li.hidden = false; });
    document.getElementById("finish").scrollIntoView({ behavior: reduced ? "auto" : "smooth" });
  }
  tick = setInterval(function () {
    if (!running) return;
    activeSeconds += 1;
    if (steps[index].querySelector("textarea")) return; // writing takes the time it takes
    if (left > 0) left -= 1;
    $("remaining").textContent = t("left", { time: fmt(remainingTotal()) });
    if (left <= 0) next();
  }, 1000);

  $("toggle").addEventListener("click", function () {
    running = !running;
    $("toggle").textContent = running ? t("pause") : t("resume");
    player.classList.toggle("paused", !running);
    if (!running && window.speechSynthesis) window.speechSynthesis.pause();
    if (running && window.speechSynthesis) window.speechSynthesis.resume();
  });
  $("skip").addEventListener("click", next);
  $("restart").addEventListener("click", function () { running = true; $("toggle").textContent = t("pause"); start(0); });

  var form = document.getElementById("finish");
  form.addEventListener("submit", function (event) {
    $("duration").value = String(activeSeconds);
    if (navigator.onLine === false) {
      // Keep the bare minimum on this device until the network is back; cleared on sign-out.
      event.preventDefault();
      var data = {};
      new FormData(form).forEach(function (value, key) { data[key] = value; });
      localStorage.setItem("selfkind-pending-practice", JSON.stringify({ url: form.action, data: data }));
      $("text").textContent = t("offline");
    }
  });
  start(0);
})();
