// The evaluator's taps, kept on the device until the server has stored them.
//
// Two kinds of instance share one queue per evaluator and drill (localStorage, so a reload, a
// lost session or a restarted server loses nothing):
//   "pad"  - the four rating buttons of one checklist item. A tap takes the device's time at
//            once (Date.now()), gets its own id and goes into the queue.
//   "sync" - one per screen: sends the queue to the server (a trigger value; the server stores
//            each tap once by its id), drops what the server confirmed, measures the device
//            clock against the server's (server time at each render, half the round trip), and
//            says at once when the connection is gone and which taps wait to be sent.
// No build step: plain JavaScript, loaded by ui/components/tap/__init__.py.

const BUS = (window.__plandrillTap = window.__plandrillTap || {
  pads: new Set(), // re-render functions of the pads on screen
  confirmed: {}, // scope -> item -> rating, stored since the last render of the pads
  refused: {}, // scope -> item -> reason
  online: true,
  send: null, // the current sync instance's sender
  scope: null,
  texts: {},
});
const RESEND_MS = 1500; // a batch lost on the way (a rerun it met) goes again after this
const TICK_MS = 1000;
const CHECK_EVERY = 3; // ticks between two looks at the server's health

function queueKey(scope) {
  return `plandrill.taps.${scope}`;
}

function load(scope) {
  try {
    return JSON.parse(window.localStorage.getItem(queueKey(scope)) || "[]");
  } catch (e) {
    return [];
  }
}

function save(scope, queue) {
  window.localStorage.setItem(queueKey(scope), JSON.stringify(queue));
}

function clock() {
  try {
    return JSON.parse(window.localStorage.getItem("plandrill.clock") || "null");
  } catch (e) {
    return null;
  }
}

function newId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID().replace(/-/g, "");
  }
  const bytes = new Uint8Array(16); // getRandomValues works without HTTPS too
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function timeOf(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

function notify() {
  BUS.pads.forEach((render) => render());
  renderSync();
}

// ---- pad: the rating buttons of one item ----

function renderPad(root, data) {
  const scope = data.scope;
  let box = root.querySelector(".pd-pad");
  if (!box) {
    box = document.createElement("div");
    box.className = "pd-pad";
    box.setAttribute("role", "group");
    const row = document.createElement("div");
    row.className = "pd-row";
    data.choices.forEach((choice) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pd-btn";
      button.dataset.rating = choice.value;
      button.textContent = choice.label;
      row.appendChild(button);
    });
    const status = document.createElement("p");
    status.className = "pd-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(row);
    box.appendChild(status);
    root.appendChild(box);
  }
  box.setAttribute("aria-label", data.group_label);
  box.dataset.tap = JSON.stringify({ scope, item: data.item, card: data.card, name: data.name });
  const mine = load(scope).filter((t) => t.item === data.item);
  const waiting = mine[mine.length - 1];
  const confirmed = (BUS.confirmed[scope] || {})[data.item];
  const refused = (BUS.refused[scope] || {})[data.item];
  const rating = waiting ? waiting.rating : confirmed || data.rating;
  box.querySelectorAll(".pd-btn").forEach((button) => {
    const on = button.dataset.rating === rating;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("pd-on", on);
    button.disabled = Boolean(data.disabled);
  });
  const status = box.querySelector(".pd-status");
  const label = (value) => (data.choices.find((c) => c.value === value) || {}).label || value;
  let text = "";
  let kind = "";
  if (waiting) {
    text = data.texts.waiting.replace("{rating}", label(waiting.rating)).replace("{time}", timeOf(waiting.at));
    kind = "pd-waiting";
  } else if (refused) {
    text = refused;
    kind = "pd-refused";
  } else if (rating) {
    text = data.texts.recorded.replace("{rating}", label(rating));
    kind = "pd-recorded";
  }
  if (status.textContent !== text) status.textContent = text;
  status.className = `pd-status ${kind}`;
}

// One listener for every pad, on the window in the capture phase: while Streamlit shows its
// (hidden) connection-lost dialog, its focus trap stops clicks outside it before they reach the
// page, and the taps must still be taken then.
function onClick(event) {
  const path = event.composedPath();
  const button = path.find((n) => n.classList && n.classList.contains("pd-btn"));
  const box = path.find((n) => n.classList && n.classList.contains("pd-pad"));
  if (!button || !box || button.disabled) return;
  tap(JSON.parse(box.dataset.tap), button.dataset.rating);
}

if (!BUS.listening) {
  BUS.listening = true;
  window.addEventListener("click", onClick, true);
}

function tap(data, rating) {
  const at = Date.now();
  const known = clock();
  const entry = {
    id: newId(),
    item: data.item,
    rating,
    at,
    offset: known ? known.offset : null,
    card: data.card,
    name: data.name,
  };
  const queue = load(data.scope);
  queue.push(entry);
  save(data.scope, queue);
  if (BUS.refused[data.scope]) delete BUS.refused[data.scope][data.item];
  notify();
  flush(data.scope);
  check(); // a tap is when the evaluator must know at once whether the server is reachable
}

// ---- sync: sending, the clock, the connection ----

function flush(scope) {
  if (!BUS.send || BUS.scope !== scope || !navigator.onLine || !BUS.online) return;
  const queue = load(scope);
  const now = Date.now();
  if (!queue.some((t) => !t.sentAt || now - t.sentAt > RESEND_MS)) return;
  queue.forEach((t) => {
    t.sentAt = now;
    if (t.offset === null || t.offset === undefined) {
      const known = clock();
      t.offset = known ? known.offset : null;
    }
  });
  save(scope, queue);
  const taps = queue.map(({ id, item, rating, at, offset, card }) => ({ id, item, rating, at, offset, card }));
  BUS.send("taps", { sent: now, taps });
}

function learnClock(data) {
  const received = Date.now();
  const old = clock();
  let sample;
  if (data.echo) {
    // the server handled our batch sent at `echo`: its time stands for the middle of the trip
    const rtt = received - data.echo;
    sample = { offset: data.server_ms - (data.echo + received) / 2, rtt, at: received };
  } else {
    sample = { offset: data.server_ms - received, rtt: null, at: received };
  }
  const fresh = old && received - old.at < 10 * 60 * 1000;
  const better =
    !old || !fresh || (sample.rtt !== null && (old.rtt === null || sample.rtt <= old.rtt));
  if (better) window.localStorage.setItem("plandrill.clock", JSON.stringify(sample));
}

function settle(scope, results) {
  const ids = Object.keys(results || {});
  if (!ids.length) return;
  const queue = load(scope);
  const keep = [];
  BUS.confirmed[scope] = BUS.confirmed[scope] || {};
  BUS.refused[scope] = BUS.refused[scope] || {};
  queue.forEach((t) => {
    const result = results[t.id];
    if (result === undefined) {
      keep.push(t);
    } else if (result === "ok") {
      BUS.confirmed[scope][t.item] = t.rating;
      delete BUS.refused[scope][t.item];
    } else {
      BUS.refused[scope][t.item] = result;
    }
  });
  save(scope, keep);
}

async function check() {
  if (!navigator.onLine) {
    setOnline(false);
    return;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2000);
  try {
    const url = new URL("_stcore/health", document.baseURI.replace(/[^/]*$/, ""));
    const answer = await fetch(url, { cache: "no-store", signal: controller.signal });
    setOnline(answer.ok);
  } catch (e) {
    setOnline(false);
  } finally {
    clearTimeout(timer);
  }
}

function setOnline(online) {
  const was = BUS.online;
  BUS.online = online;
  if (was !== online) renderSync();
  if (online && BUS.scope) flush(BUS.scope);
}

function renderSync() {
  const root = BUS.syncRoot;
  if (!root || !BUS.scope) return;
  let box = root.querySelector(".pd-sync");
  if (!box) {
    box = document.createElement("div");
    box.className = "pd-sync";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "assertive");
    root.appendChild(box);
  }
  const texts = BUS.texts;
  const queue = load(BUS.scope);
  const offline = !BUS.online || !navigator.onLine;
  box.classList.toggle("pd-offline", offline);
  box.classList.toggle("pd-pending", !offline && queue.length > 0);
  box.replaceChildren();
  if (!offline && !queue.length) return;
  const head = document.createElement("p");
  head.className = "pd-head";
  head.textContent = offline ? texts.offline : texts.sending;
  box.appendChild(head);
  if (queue.length) {
    const title = document.createElement("p");
    title.textContent = texts.waiting_count.replace("{n}", String(queue.length));
    box.appendChild(title);
    const list = document.createElement("ul");
    queue.forEach((t) => {
      const line = document.createElement("li");
      const rating = texts.ratings[t.rating] || t.rating;
      line.textContent = `${timeOf(t.at)} · ${t.name || t.item} · ${rating}`;
      list.appendChild(line);
    });
    box.appendChild(list);
  }
}

// Streamlit answers a lost connection with a modal dialog (hidden by ui/streamlit_texts.py) that
// makes the rest of the page inert: on this screen taps go on, so the screen stays usable and
// our own notice (above) says what happens to them.
function keepUsable() {
  const host = BUS.syncRoot && (BUS.syncRoot.host || BUS.syncRoot);
  if (!host || !host.isConnected) return;
  let node = host.parentElement;
  while (node) {
    if (node.hasAttribute("inert")) node.removeAttribute("inert");
    if (node.getAttribute("aria-hidden") === "true") node.removeAttribute("aria-hidden");
    node = node.parentElement;
  }
}

function mountSync(root, data, setTriggerValue) {
  BUS.syncRoot = root;
  BUS.scope = data.scope;
  BUS.texts = data.texts;
  BUS.send = setTriggerValue;
  learnClock(data);
  settle(data.scope, data.results);
  if (!BUS.timer) {
    BUS.ticks = 0;
    BUS.timer = window.setInterval(() => {
      BUS.ticks += 1;
      if (BUS.ticks % CHECK_EVERY === 0) check();
      if (BUS.scope) flush(BUS.scope);
    }, TICK_MS);
    window.addEventListener("online", () => check());
    window.addEventListener("offline", () => setOnline(false));
    new MutationObserver(keepUsable).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ["inert", "aria-hidden"],
    });
  }
  BUS.online = BUS.online && navigator.onLine;
  renderSync();
  notify();
  flush(data.scope);
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  if (data.mode === "sync") {
    mountSync(parentElement, data, setTriggerValue);
    return () => {
      if (BUS.syncRoot === parentElement) {
        BUS.send = null;
        BUS.syncRoot = null;
      }
    };
  }
  const render = () => renderPad(parentElement, parentElement.__pdData || data);
  parentElement.__pdData = data;
  if (parentElement.__pdRender) BUS.pads.delete(parentElement.__pdRender);
  parentElement.__pdRender = render;
  BUS.pads.add(render);
  renderPad(parentElement, data);
  return () => BUS.pads.delete(render);
}
