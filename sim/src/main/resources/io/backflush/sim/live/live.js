// backflush live: the page's half of the live view. Opens a session, follows its event stream,
// draws the machine, gauges and a 60 s chart, plays the sound, and posts controls. No libraries.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  let session = null;
  let hello = null;
  let state = null;
  let stream = null;
  const history = [];          // {t, g, p, f, e}, the last 60 s of simulated time
  const HISTORY_S = 60;

  // ---- controls -------------------------------------------------------------------------------
  function problem(text) {
    const box = $("problem");
    if (!text) { box.hidden = true; box.textContent = ""; return; }
    box.hidden = false;
    box.textContent = text;
  }

  async function send(name, value) {
    if (!session) { problem("not connected to the machine yet"); return false; }
    startSound();
    try {
      const r = await fetch("/control?session=" + encodeURIComponent(session), {
        method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
        body: encodeURIComponent(name) + "=" + encodeURIComponent(String(value))});
      const body = await r.json();
      if (!r.ok) { problem(body.error || ("HTTP " + r.status)); return false; }
      problem(null);
      return true;
    } catch (e) {
      problem("the server did not answer: " + e);
      return false;
    }
  }
  window.backflushSend = send; // for the console and tests: backflushSend("pump", "on")

  function toggle(id, name, current) {
    $(id).addEventListener("click", () => send(name, current() ? "off" : "on"));
  }
  toggle("brew", "brew", () => state && state.pump && state.solenoid);
  toggle("pump-switch", "pump", () => state && state.pump);
  toggle("solenoid-switch", "solenoid", () => state && state.solenoid);
  toggle("heater-switch", "heater", () => state && state.heater);
  for (const b of document.querySelectorAll(".speed button[data-speed]")) {
    b.addEventListener("click", () => send("speed", b.dataset.speed));
  }
  $("step").addEventListener("click", () => send("step", $("step-size").value));
  $("reset").addEventListener("click", () => send("reset", "1"));
  for (const r of document.querySelectorAll("input[name=basket]")) {
    r.addEventListener("change", async () => {
      if (!(await send("basket", r.value)) && state) {
        document.querySelector("input[name=basket][value=" + state.basket + "]").checked = true;
      }
    });
  }
  $("detergent-add").addEventListener("click", () => send("detergent", $("detergent").value));
  $("days-apply").addEventListener("click", () => send("days", $("days").value));
  $("machine-select").addEventListener("change", () => send("machine", $("machine-select").value));
  $("lesson-toggle").addEventListener("click", () => {
    const on = $("lesson").hidden;
    $("lesson").hidden = !on;
    $("lesson-toggle").classList.toggle("on", on);
    $("lesson-toggle").setAttribute("aria-pressed", String(on));
  });

  // ---- session and stream ---------------------------------------------------------------------
  async function connect() {
    let r;
    try {
      r = await fetch("/session", {method: "POST"});
    } catch (e) {
      $("status").textContent = "no server: " + e + " (trying again)";
      setTimeout(connect, 2000);
      return;
    }
    const body = await r.json();
    if (!r.ok) {
      $("status").textContent = "refused";
      problem(body.error || ("HTTP " + r.status));
      return;
    }
    session = body.session;
    stream = new EventSource("/events?session=" + encodeURIComponent(session));
    stream.addEventListener("hello", (m) => onHello(JSON.parse(m.data)));
    stream.addEventListener("state", (m) => onState(JSON.parse(m.data)));
    stream.addEventListener("log", (m) => onLog(JSON.parse(m.data)));
    stream.addEventListener("problem", (m) => problem(JSON.parse(m.data).error));
    stream.addEventListener("bye", (m) => {
      $("status").textContent = "session ended: " + JSON.parse(m.data).reason + " (reload for a new one)";
      stream.close();
      session = null;
      stopSound();
      if (hello && hello.readOnly) { setTimeout(connect, 2000); }
    });
    stream.onerror = () => {
      if (stream.readyState === EventSource.CLOSED || (hello && hello.readOnly)) {
        // a watching page follows the next firmware run on the same port
        stream.close();
        session = null;
        $("status").textContent = hello && hello.readOnly ? "the firmware's server is gone (waiting for it)"
            : "disconnected (reload)";
        if (hello && hello.readOnly) { setTimeout(connect, 2000); }
      }
    };
  }

  function onHello(h) {
    hello = h;
    $("machine-name").textContent = "· " + h.machine;
    $("status").textContent = h.readOnly ? h.watching : "session " + h.session.slice(0, 6);
    readOnly(!!h.readOnly);
    const sel = $("machine-select");
    sel.innerHTML = "";
    for (const name of h.presets) {
      const o = document.createElement("option");
      o.value = name; o.textContent = name; o.selected = name === h.machine;
      sel.appendChild(o);
    }
    if (!h.presets.includes(h.machine)) {
      const o = document.createElement("option");
      o.value = ""; o.textContent = h.machine; o.selected = true; o.disabled = true;
      sel.prepend(o);
    }
    const refusal = $("refusal");
    refusal.hidden = !h.refusal;
    refusal.textContent = h.refusal ? "Why backflushing this machine is refused: " + h.refusal
        + " Try it: put the blind basket in, press the brew switch, then release it, and watch the group gauge:"
        + " nothing vents the group." : "";
    $("valve-label").textContent = h.hasThreeWayValve ? "three-way valve" : "no three-way valve";
    if (sound) { buildBuzz(); }
    buildLesson();
  }

  function onLog(e) {
    const li = document.createElement("li");
    li.className = e.kind;
    if (e.volumeMl !== undefined) { li.dataset.volume = String(e.volumeMl); }
    const at = document.createElement("span");
    at.className = "at";
    at.textContent = e.t.toFixed(1) + " s";
    li.appendChild(at);
    li.appendChild(document.createTextNode(e.text));
    const list = $("events");
    list.appendChild(li);
    while (list.children.length > 200) { list.removeChild(list.firstChild); }
    list.scrollTop = list.scrollHeight;
    lessonEvent(e);
  }

  // ---- drawing --------------------------------------------------------------------------------
  let dash = 0;
  function onState(s) {
    if (state && s.t < state.t) { history.length = 0; }
    state = s;
    history.push({t: s.t, g: s.group_bar, p: s.line_bar, f: s.pump_flow_ml_per_s, e: s.exhaust_water_ml_per_s});
    while (history.length && history[0].t < s.t - HISTORY_S) { history.shift(); }
    $("clock").textContent = s.t.toFixed(1);
    for (const b of document.querySelectorAll(".speed button[data-speed]")) {
      b.classList.toggle("on", b.dataset.speed === s.speed);
    }
    $("step").disabled = (hello && hello.readOnly) || s.speed !== "pause";
    pressed("brew", s.pump && s.solenoid);
    pressed("pump-switch", s.pump);
    pressed("solenoid-switch", s.solenoid);
    pressed("heater-switch", s.heater);
    const radio = document.querySelector("input[name=basket][value=" + s.basket + "]");
    if (radio && !radio.checked) { radio.checked = true; }
    for (const b of ["blind", "puck", "none"]) { $("basket-" + b).style.display = b === s.basket ? "" : "none"; }
    $("residue").textContent = s.residueMg.toFixed(0);
    $("detergent-left").textContent = s.detergent_left_mg.toFixed(1);
    $("pump").classList.toggle("running", s.pump_duty > 0);
    $("opv").classList.toggle("open", s.relief_flow_ml_per_s > 0.05);
    $("valve").classList.toggle("energised", s.valve_energised > 0);
    $("valve-arm").setAttribute("d", s.valve_energised > 0 ? "M420,150 L420,110" : "M420,130 L440,130");
    $("boiler").style.fill = heat(s.boiler_c);
    $("boiler-label").textContent = s.boiler_c.toFixed(0) + " °C";
    const gw = Math.max(0, Math.min(46, s.group_water_ml));
    $("group-water").setAttribute("y", String(196 - gw));
    $("group-water").setAttribute("height", String(gw));
    const tray = Math.min(26, s.drip_tray_ml / 10);
    $("tray-water").setAttribute("y", String(368 - tray));
    $("tray-water").setAttribute("height", String(tray));
    $("tray-label").textContent = s.drip_tray_ml.toFixed(0) + " ml";
    dash += 1;
    flow("flow-pump", s.pump_flow_ml_per_s);
    flow("flow-boiler", s.pump_flow_ml_per_s - s.relief_flow_ml_per_s);
    flow("flow-opv", s.relief_flow_ml_per_s);
    flow("flow-group", s.group_inflow_ml_per_s);
    flow("flow-exhaust", s.exhaust_water_ml_per_s + s.exhaust_air_atm_ml_per_s / 100);
    flow("flow-cup", s.cup_flow_ml_per_s);
    gauge("gauge-group", s.group_bar);
    gauge("gauge-pump", s.line_bar);
    gauge("gauge-boiler", s.boiler_c);
    chart();
    playSound(s);
    lessonState(s);
  }

  // watching a firmware: every control greyed; the switches still light up with the firmware's commands
  function readOnly(on) {
    document.body.classList.toggle("read-only", on);
    for (const el of document.querySelectorAll(".controls button, .controls input, .speed button, .speed select, "
        + "#machine-select")) {
      el.disabled = on;
    }
    if (on && !sound && !muted) { $("mute").textContent = "hear it"; } // the browser plays sound only after a click
  }

  function pressed(id, on) {
    $(id).classList.toggle("on", !!on);
    $(id).setAttribute("aria-pressed", String(!!on));
  }

  function heat(c) {
    const f = Math.max(0, Math.min(1, (c - 20) / 80));
    return "rgb(" + Math.round(120 + 135 * f) + "," + Math.round(160 - 90 * f) + "," + Math.round(220 - 180 * f) + ")";
  }

  const offsets = {};
  function flow(id, mlPerS) {
    const el = $(id);
    const v = Math.abs(mlPerS);
    el.style.opacity = v > 0.05 ? String(Math.min(1, 0.3 + v / 10)) : "0";
    offsets[id] = ((offsets[id] || 0) - Math.sign(mlPerS) * Math.min(12, 1 + v)) % 180;
    el.style.strokeDashoffset = String(offsets[id]);
  }

  const GX = 60, GY = 50, GR = 34; // the dial's centre and radius in its 120×100 box
  function gauge(id, value) {
    const g = $(id);
    const min = Number(g.dataset.min), max = Number(g.dataset.max);
    if (!g.firstChild) {
      const arc = document.createElementNS(SVG, "path");
      const end = (theta, r) => [GX + r * Math.cos(theta), GY + r * Math.sin(theta)];
      const [x0, y0] = end(angle(min, min, max), GR), [x1, y1] = end(angle(max, min, max), GR);
      arc.setAttribute("class", "dial");
      arc.setAttribute("d", "M" + x0 + "," + y0 + " A" + GR + "," + GR + " 0 1,1 " + x1 + "," + y1);
      g.appendChild(arc);
      for (let i = 0; i <= 4; i++) {
        const v = min + (max - min) * i / 4, [x, y] = end(angle(v, min, max), GR + 11);
        const t = document.createElementNS(SVG, "text");
        t.setAttribute("class", "tick");
        t.setAttribute("x", String(x));
        t.setAttribute("y", String(y + 3));
        t.textContent = String(Math.round(v));
        g.appendChild(t);
      }
      const n = document.createElementNS(SVG, "line");
      n.setAttribute("class", "needle"); n.setAttribute("x1", String(GX)); n.setAttribute("y1", String(GY));
      g.appendChild(n);
      const hub = document.createElementNS(SVG, "circle");
      hub.setAttribute("cx", String(GX)); hub.setAttribute("cy", String(GY)); hub.setAttribute("r", "3");
      g.appendChild(hub);
      const lab = document.createElementNS(SVG, "text");
      lab.setAttribute("class", "name"); lab.setAttribute("x", String(GX)); lab.setAttribute("y", String(GY + 22));
      lab.textContent = g.dataset.label;
      g.appendChild(lab);
      const val = document.createElementNS(SVG, "text");
      val.setAttribute("class", "value"); val.setAttribute("x", String(GX)); val.setAttribute("y", "97");
      g.appendChild(val);
    }
    const a = angle(value, min, max);
    const needle = g.querySelector(".needle");
    needle.setAttribute("x2", String(GX + (GR - 4) * Math.cos(a)));
    needle.setAttribute("y2", String(GY + (GR - 4) * Math.sin(a)));
    g.querySelector(".value").textContent = value.toFixed(g.dataset.unit === "bar" ? 2 : 1) + " " + g.dataset.unit;
  }

  function angle(v, min, max) {
    const f = Math.max(0, Math.min(1, (v - min) / (max - min)));
    return Math.PI * (0.75 + 1.5 * f);
  }

  function chart() {
    const c = $("chart"), ctx = c.getContext("2d");
    const w = c.width, h = c.height, left = 40, right = 40, top = 10, bottom = 20;
    ctx.clearRect(0, 0, w, h);
    ctx.font = "11px sans-serif";
    ctx.strokeStyle = "#ddd"; ctx.fillStyle = "#666";
    for (let b = 0; b <= 15; b += 5) {
      const y = top + (h - top - bottom) * (1 - b / 15);
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(w - right, y); ctx.stroke();
      ctx.fillText(b + " bar", 2, y + 4);
      ctx.fillText((b * 4) + " ml/s", w - right + 2, y + 4);
    }
    if (!history.length) { return; }
    const t1 = history[history.length - 1].t, t0 = t1 - HISTORY_S;
    const x = (t) => left + (w - left - right) * (t - t0) / HISTORY_S;
    const series = [["g", "#c0392b", 15], ["p", "#8e44ad", 15], ["f", "#2a7bd0", 60], ["e", "#7a5a3a", 60]];
    for (const [key, colour, full] of series) {
      ctx.strokeStyle = colour; ctx.lineWidth = 1.6; ctx.beginPath();
      history.forEach((s, i) => {
        const y = top + (h - top - bottom) * (1 - Math.max(0, Math.min(1, s[key] / full)));
        if (i === 0) { ctx.moveTo(x(s.t), y); } else { ctx.lineTo(x(s.t), y); }
      });
      ctx.stroke();
    }
    ctx.fillStyle = "#666";
    ctx.fillText((t0 < 0 ? 0 : t0).toFixed(0) + " s", left, h - 4);
    ctx.fillText(t1.toFixed(0) + " s", w - right - 30, h - 4);
  }

  // ---- sound: the server sends the levels (the WAV's rules); this only plays them --------------
  let sound = null;
  let muted = false;
  function startSound() {
    if (sound || muted || !window.AudioContext) { return; }
    const ctx = new AudioContext();
    const master = ctx.createGain();
    master.gain.value = 0.5;
    master.connect(ctx.destination);
    const noise = ctx.createBuffer(1, ctx.sampleRate * 2, ctx.sampleRate);
    const d = noise.getChannelData(0);
    for (let i = 0; i < d.length; i++) { d[i] = Math.random() * 2 - 1; }
    const src = ctx.createBufferSource();
    src.buffer = noise; src.loop = true;
    const low1 = ctx.createBiquadFilter(); low1.type = "lowpass"; low1.frequency.value = 900;
    const low2 = ctx.createBiquadFilter(); low2.type = "lowpass"; low2.frequency.value = 900;
    const high = ctx.createBiquadFilter(); high.type = "highpass"; high.frequency.value = 3000;
    const whoosh = ctx.createGain(); whoosh.gain.value = 0;
    const hiss = ctx.createGain(); hiss.gain.value = 0;
    src.connect(low1); low1.connect(low2); low2.connect(whoosh); whoosh.connect(master);
    src.connect(high); high.connect(hiss); hiss.connect(master);
    src.start();
    const buzz = ctx.createGain(); buzz.gain.value = 0; buzz.connect(master);
    sound = {ctx, master, whoosh, hiss, buzz, osc: null};
    buildBuzz();
  }

  function buildBuzz() {
    if (!sound || !hello) { return; }
    if (sound.osc) { sound.osc.stop(); sound.osc.disconnect(); }
    const n = hello.buzzHarmonics;
    const real = new Float32Array(n + 1), imag = new Float32Array(n + 1);
    for (let k = 1; k <= n; k++) {
      const a = Math.pow(k, -hello.buzzExponent), phase = 0.3 * k * k;
      real[k] = a * Math.sin(phase); imag[k] = a * Math.cos(phase);
    }
    const osc = sound.ctx.createOscillator();
    osc.setPeriodicWave(sound.ctx.createPeriodicWave(real, imag));
    osc.frequency.value = hello.buzzHz;
    osc.connect(sound.buzz);
    osc.start();
    sound.osc = osc;
  }

  let lastSoundT = null;
  function playSound(s) {
    if (!sound || !hello) { return; }
    const now = sound.ctx.currentTime, tc = 0.03;
    sound.targets = {buzz: hello.pumpGain * s.pumpLoudness, whoosh: hello.whooshGain * 5 * s.whooshLevel,
      hiss: hello.hissGain * s.hissLevel};
    const on = s.t !== lastSoundT ? 1 : 0; // silent while the clock stands still (paused)
    lastSoundT = s.t;
    sound.buzz.gain.setTargetAtTime(on * sound.targets.buzz, now, tc);
    sound.whoosh.gain.setTargetAtTime(on * sound.targets.whoosh, now, tc);
    sound.hiss.gain.setTargetAtTime(on * sound.targets.hiss, now, tc);
  }
  // the gains the sound follows (the last levels, held while paused), or null while there is none: for tests
  window.backflushSound = () => (sound && sound.targets) ? Object.assign({state: sound.ctx.state}, sound.targets) : null;

  function stopSound() {
    if (sound) { sound.ctx.close(); sound = null; }
  }

  $("mute").addEventListener("click", () => {
    if (hello && hello.readOnly && !muted && !sound) { startSound(); $("mute").textContent = "sound on"; return; } // a watching page's first click
    muted = !muted;
    $("mute").textContent = muted ? "sound off" : "sound on";
    $("mute").setAttribute("aria-pressed", String(muted));
    if (muted) { stopSound(); } else { startSound(); }
  });

  // ---- the guided lesson (the seed guides' steps) ---------------------------------------------
  const lesson = [
    {id: "warm", text: "Warm up: heater on until the boiler is at temperature (about 90 °C or more).",
      why: "Hot water loosens the coffee oils and dissolves the detergent; the seals and metal are as they are in use."},
    {id: "blind", text: "Put the blind basket in (basket: blind).",
      why: "A blind basket has no holes: the pump builds pressure in the group, and the release drives water back "
        + "through the screen, the passage and the three-way valve, which is what cleans them."},
    {id: "dose", text: "Put detergent in the blind basket (about 3 g).",
      why: "Water alone barely moves baked-on oils; the detergent dissolves into the chamber water and loosens them."},
    {id: "cycles", text: "Five cycles with detergent: brew switch on until the pump goes quiet (about 10 s), then off "
        + "and listen to the whoosh.",
      why: "Each release sends the soapy water back out through the valve to the drip tray, carrying residue with it; "
        + "the discharge runs darker when the machine is dirty."},
    {id: "rinse", text: "Rinse: take the basket out (basket: none) and back in (blind), then cycles with water until "
        + "the detergent left is below the taste threshold.",
      why: "Detergent clings to the surfaces; each rinse is less soapy than the one before, and a trace left taints "
        + "the next shot."},
    {id: "shot", text: "Discard a shot: basket: puck, brew switch on for a few seconds, then off.",
      why: "The first shot after cleaning carries the last traces of detergent and loosened residue: pour it away."},
  ];
  let lessonDone = {};
  let detergentCycles = 0;

  function buildLesson() {
    lessonDone = {};
    detergentCycles = 0;
    const ol = $("lesson-steps");
    ol.innerHTML = "";
    for (const step of lesson) {
      const li = document.createElement("li");
      li.id = "lesson-" + step.id;
      li.appendChild(document.createTextNode(step.text));
      const why = document.createElement("span");
      why.className = "why";
      why.textContent = "Why: " + step.why;
      li.appendChild(why);
      ol.appendChild(li);
    }
    if (hello && !hello.hasThreeWayValve) {
      const li = document.createElement("li");
      li.className = "current";
      li.textContent = "This machine has no three-way valve: do not backflush it. " + (hello.refusal || "");
      ol.prepend(li);
    }
    markLesson();
  }

  function markLesson() {
    let current = true;
    for (const step of lesson) {
      const li = $("lesson-" + step.id);
      if (!li) { continue; }
      li.classList.toggle("done", !!lessonDone[step.id]);
      li.classList.toggle("current", !lessonDone[step.id] && current);
      if (!lessonDone[step.id]) { current = false; }
    }
  }

  function lessonState(s) {
    const before = JSON.stringify(lessonDone);
    if (s.heater && s.boiler_c >= 90) { lessonDone.warm = true; }
    if (lessonDone.warm && s.basket === "blind") { lessonDone.blind = true; }
    if (lessonDone.blind && s.detergent_left_mg > 0) { lessonDone.dose = true; }
    if (lessonDone.cycles && s.detergent_left_mg < hello.tasteThresholdMg) { lessonDone.rinse = true; }
    if (JSON.stringify(lessonDone) !== before) { markLesson(); }
  }

  function lessonEvent(e) {
    if (e.kind === "cycle" && lessonDone.dose && !lessonDone.cycles && state && state.detergent_left_mg > 0) {
      detergentCycles++;
      if (detergentCycles >= 5) { lessonDone.cycles = true; }
    }
    if (e.kind === "cycle" && lessonDone.rinse && state && state.basket === "puck") { lessonDone.shot = true; }
    if (e.kind === "control" && /reset|machine changed/.test(e.text)) { buildLesson(); }
    markLesson();
  }

  connect();
})();
