// The realpolitik page. It talks only to this server's /api and shows what the API returns.
// Article text is untrusted: it only ever reaches the page through textContent / text nodes
// (the helpers h() and s() below); nothing here assigns innerHTML.

const TOKEN_KEY = "realpolitik.token";
const SVG_NS = "http://www.w3.org/2000/svg";
const W = 1000;
const H = 700;
const BLOC_COLOURS = ["#2f6fbd", "#e07b1a", "#8e44ad", "#17a2a2", "#b5a20a", "#7f8c8d", "#c0392b", "#27ae60"];

const state = {
  meta: null,
  stats: null,
  actors: [],
  names: new Map(),
  positions: new Map(),
  network: null,
  blocs: null,
  selected: null,
  loadSeq: 0,
};

// --- DOM helpers: text always as text nodes ---------------------------------------------------

function fill(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

function h(tag, attrs, ...children) {
  return fill(setAttrs(document.createElement(tag), attrs), children);
}

function s(tag, attrs, ...children) {
  return fill(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

function clear(el, ...children) {
  el.replaceChildren();
  return fill(el, children);
}

const $ = (id) => document.getElementById(id);

function fmt(x) {
  if (typeof x !== "number") return String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, "");
}

function name(id) {
  return state.names.get(id) || id;
}

function showError(err) {
  const box = $("error");
  if (!err) {
    box.hidden = true;
    return;
  }
  clear(box, err.message || String(err));
  box.hidden = false;
}

// --- the API, with the token asked once per session ---------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let tokenPrompt = null;

function askToken(message) {
  if (!tokenPrompt) {
    tokenPrompt = new Promise((resolve) => {
      const dialog = $("token-dialog");
      clear($("token-message"), message);
      $("token-input").value = "";
      const done = (event) => {
        event.preventDefault();
        const value = $("token-input").value.trim();
        if (!value) return;
        sessionStorage.setItem(TOKEN_KEY, value);
        $("token-form").removeEventListener("submit", done);
        dialog.close();
        tokenPrompt = null;
        resolve();
      };
      $("token-form").addEventListener("submit", done);
      dialog.showModal();
    });
  }
  return tokenPrompt;
}

function qs(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, v);
  }
  const text = q.toString();
  return text ? "?" + text : "";
}

async function api(path, { method = "GET", json, body, headers = {}, raw = false } = {}) {
  for (;;) {
    const hdrs = new Headers(headers);
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) hdrs.set("Authorization", "Bearer " + token);
    let payload = body;
    if (json !== undefined) {
      hdrs.set("Content-Type", "application/json");
      payload = JSON.stringify(json);
    }
    const res = await fetch(path, { method, headers: hdrs, body: payload });
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken(token ? "That token was refused; try again." : "This server needs a token.");
      continue;
    }
    if (raw && res.ok) return res;
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const e = (data && data.error) || {};
      throw new ApiError(res.status, e.code || "error", e.message || res.statusText);
    }
    return data;
  }
}

// --- views and routing -------------------------------------------------------------------------

const VIEWS = ["network", "dyad", "docs", "doc", "add", "findings"];

function showView(view) {
  const shown = view === "doc" ? "docs" : view;
  for (const section of document.querySelectorAll("section.view")) section.hidden = section.dataset.view !== shown;
  for (const a of document.querySelectorAll(".tabs a[data-view]")) a.classList.toggle("active", a.dataset.view === shown);
}

async function route() {
  const parts = location.hash.replace(/^#/, "").split("/");
  const view = VIEWS.includes(parts[0]) ? parts[0] : "network";
  showView(view);
  showError(null);
  try {
    if (view === "network" && !state.network) await loadNetwork();
    if (view === "dyad") await showDyadView(parts[1], parts[2]);
    if (view === "docs") await loadDocList();
    if (view === "doc") await openDocument(decodeURIComponent(parts[1] || ""), parts[2]);
    if (view === "findings") await loadFindings();
  } catch (err) {
    showError(err);
  }
}

function docHref(doc, span) {
  return "#doc/" + encodeURIComponent(doc) + (span ? "/" + span[0] + "-" + span[1] : "");
}

// --- start -------------------------------------------------------------------------------------

async function refreshStats() {
  const [stats, actors] = await Promise.all([api("/api/stats"), api("/api/actors")]);
  state.stats = stats;
  state.actors = actors;
  for (const a of actors) state.names.set(a.id, a.name);
  clear($("stats"), `${stats.documents} documents · ${stats.relations} relations · ${stats.actors} actors`);
  setupTimeRange();
  fillActorSelects();
}

function setupFilters() {
  const layer = $("f-layer");
  for (const l of state.meta.layers) layer.append(h("option", { value: l }, l));
  const fillTypes = () => {
    const type = $("f-type");
    const keep = type.value;
    clear(type, h("option", { value: "" }, "all types"));
    for (const t of state.meta.types) {
      if (!layer.value || t.layer === layer.value) type.append(h("option", { value: t.name }, t.name.replace(/_/g, " ")));
    }
    type.value = [...type.options].some((o) => o.value === keep) ? keep : "";
  };
  fillTypes();
  layer.addEventListener("change", () => {
    fillTypes();
    loadNetwork().catch(showError);
  });
  $("f-type").addEventListener("change", () => loadNetwork().catch(showError));
  const all = $("f-alltime");
  all.addEventListener("change", () => {
    $("f-from").disabled = all.checked;
    $("f-to").disabled = all.checked;
    loadNetwork().catch(showError);
  });
  for (const id of ["f-from", "f-to"]) {
    $(id).addEventListener("input", showTimeLabels);
    $(id).addEventListener("change", () => loadNetwork().catch(showError));
  }
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => download(button.dataset.export).catch(showError));
  }
}

function setupTimeRange() {
  const first = state.stats.first_date ? parseInt(state.stats.first_date.slice(0, 4), 10) : null;
  const last = state.stats.last_date ? parseInt(state.stats.last_date.slice(0, 4), 10) : null;
  const from = $("f-from");
  const to = $("f-to");
  if (first === null || last === null) {
    $("f-alltime").checked = true;
    $("f-alltime").disabled = true;
    from.disabled = to.disabled = true;
    showTimeLabels();
    return;
  }
  const fresh = from.min === "1900";
  for (const r of [from, to]) {
    r.min = String(first);
    r.max = String(last);
  }
  if (fresh) {
    from.value = String(first);
    to.value = String(last);
  }
  $("f-alltime").disabled = false;
  showTimeLabels();
}

function showTimeLabels() {
  clear($("f-from-out"), $("f-from").disabled ? "" : $("f-from").value);
  clear($("f-to-out"), $("f-to").disabled ? "" : $("f-to").value);
}

function filters() {
  const f = {};
  if ($("f-layer").value) f.layer = $("f-layer").value;
  if ($("f-type").value) f.type = [$("f-type").value];
  if (!$("f-alltime").checked) {
    let a = parseInt($("f-from").value, 10);
    let b = parseInt($("f-to").value, 10);
    if (a > b) [a, b] = [b, a];
    f.since = String(a);
    f.until = String(b);
  }
  return f;
}

async function download(format) {
  const res = await api("/api/export/" + format + qs(filters()), { raw: true });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: "realpolitik-network." + format });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// --- the network ------------------------------------------------------------------------------

async function loadNetwork() {
  const seq = ++state.loadSeq;
  const f = filters();
  const [network, blocs] = await Promise.all([
    api("/api/network" + qs(f)),
    state.meta.features.blocs ? api("/api/blocs" + qs(f)) : null,
  ]);
  if (seq !== state.loadSeq) return; // a newer filter won
  state.network = network;
  state.blocs = blocs;
  for (const [id, n] of Object.entries(network.names || {})) state.names.set(id, n);
  const undated = network.undated ? `; ${network.undated} undated relations left out` : "";
  clear($("net-status"), `${network.nodes.length} actors, ${network.edges.length} ties${undated}`);
  drawNetwork();
}

function hash(text) {
  let x = 2166136261;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 16777619);
  return (x >>> 0) / 4294967296;
}

// Fruchterman-Reingold, deterministic: start positions come from the ids (or the last layout,
// so actors stay put when a filter changes), then a fixed number of cooling steps.
function layout(nodes, edges) {
  const pos = new Map();
  let known = 0;
  for (const id of nodes) {
    const old = state.positions.get(id);
    if (old) {
      pos.set(id, { x: old.x, y: old.y });
      known++;
    } else {
      const a = hash(id) * 2 * Math.PI;
      const r = 120 + 200 * hash(id + "#");
      pos.set(id, { x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a) });
    }
  }
  const n = nodes.length;
  if (n === 0) return pos;
  const k = 0.75 * Math.sqrt((W * H) / n);
  let t = known === n ? W / 60 : W / 8;
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  for (let step = 0; step < 300; step++) {
    const disp = new Map(nodes.map((id) => [id, { x: 0, y: 0 }]));
    for (let i = 0; i < n; i++) {
      const p = pos.get(nodes[i]);
      for (let j = i + 1; j < n; j++) {
        const q = pos.get(nodes[j]);
        let dx = p.x - q.x;
        let dy = p.y - q.y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) {
          dx = 0.01 * (hash(nodes[i] + nodes[j]) - 0.5);
          dy = 0.01;
          d = Math.hypot(dx, dy);
        }
        const f = (k * k) / d;
        const di = disp.get(nodes[i]);
        const dj = disp.get(nodes[j]);
        di.x += (dx / d) * f;
        di.y += (dy / d) * f;
        dj.x -= (dx / d) * f;
        dj.y -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const p = pos.get(e.a);
      const q = pos.get(e.b);
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      // Allies pull harder than enemies: blocs come out as clusters.
      const f = ((d * d) / k) * (e.sign > 0 ? 1 : 0.35) * (0.6 + 0.4 * Math.sqrt(e.weight / maxW));
      const da = disp.get(e.a);
      const db = disp.get(e.b);
      da.x -= (dx / d) * f;
      da.y -= (dy / d) * f;
      db.x += (dx / d) * f;
      db.y += (dy / d) * f;
    }
    for (const id of nodes) {
      const p = pos.get(id);
      const d = disp.get(id);
      d.x += (W / 2 - p.x) * 0.02 * k / 50;
      d.y += (H / 2 - p.y) * 0.02 * k / 50;
      const len = Math.max(0.01, Math.hypot(d.x, d.y));
      p.x += (d.x / len) * Math.min(len, t);
      p.y += (d.y / len) * Math.min(len, t);
    }
    t = Math.max(0.5, t * 0.985);
  }
  return pos;
}

function fit(pos, width, height) {
  const pad = 60;
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * pad) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0), 4);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const out = new Map();
  for (const [id, p] of pos) out.set(id, { x: width / 2 + (p.x - cx) * scale, y: height / 2 + (p.y - cy) * scale });
  return out;
}

function drawNetwork() {
  const svg = $("graph");
  const { nodes, edges } = state.network;
  const partition = (state.blocs && state.blocs.partition) || {};
  const raw = layout(nodes, edges);
  for (const [id, p] of raw) state.positions.set(id, p);
  // The drawing fills the box it is shown in, whatever its shape.
  const width = Math.max(300, Math.round(svg.clientWidth || W));
  const height = Math.max(300, Math.round(svg.clientHeight || H));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const pos = fit(raw, width, height);
  clear(svg);
  if (nodes.length === 0) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "No ties for these filters."));
    drawLegend(partition);
    return;
  }
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const strength = new Map(nodes.map((id) => [id, 0]));
  for (const e of edges) {
    strength.set(e.a, strength.get(e.a) + e.weight);
    strength.set(e.b, strength.get(e.b) + e.weight);
  }
  const maxS = Math.max(1, ...strength.values());
  const edgeLayer = s("g", { class: "edges" });
  const nodeLayer = s("g", { class: "nodes" });
  for (const e of edges) {
    const p = pos.get(e.a);
    const q = pos.get(e.b);
    const width = 1.5 + 7 * Math.sqrt(e.weight / maxW);
    const cls = "edge " + (e.sign > 0 ? "pos" : "neg") + (e.mixed ? " mixed" : "");
    const line = { x1: p.x, y1: p.y, x2: q.x, y2: q.y };
    const g = s("g", {
      class: cls,
      tabindex: 0,
      role: "button",
      "data-edge": e.a + "|" + e.b,
      "aria-label": `${name(e.a)} and ${name(e.b)}: ${e.sign > 0 ? "positive" : "negative"} tie, weight ${fmt(e.weight)}`,
    },
      s("title", {}, `${name(e.a)} – ${name(e.b)}: ${e.sign > 0 ? "+" : "−"}${fmt(e.weight)}` +
        (e.mixed ? ` (mixed: +${fmt(e.positive)} / −${fmt(e.negative)})` : "")),
      s("line", { ...line, class: "hit" }),
      s("line", { ...line, class: "stroke", "stroke-width": width.toFixed(2) }),
    );
    g.addEventListener("click", () => selectEdge(e, g));
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") selectEdge(e, g);
    });
    edgeLayer.append(g);
  }
  for (const id of nodes) {
    const p = pos.get(id);
    const r = 7 + 11 * Math.sqrt(strength.get(id) / maxS);
    const bloc = partition[id];
    const colour = bloc === undefined ? "#95a5a6" : BLOC_COLOURS[bloc % BLOC_COLOURS.length];
    const g = s("g", { class: "node", tabindex: 0, role: "button", "data-node": id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
      "aria-label": name(id) + (bloc === undefined ? "" : `, bloc ${bloc + 1}`) },
      s("title", {}, name(id) + (bloc === undefined ? "" : ` (bloc ${bloc + 1})`)),
      s("circle", { r: r.toFixed(1), fill: colour }),
      s("text", { x: 0, y: -r - 5, "text-anchor": "middle" }, id),
    );
    g.addEventListener("click", () => selectActor(id, g));
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") selectActor(id, g);
    });
    nodeLayer.append(g);
  }
  svg.append(edgeLayer, nodeLayer);
  drawLegend(partition);
}

function drawLegend(partition) {
  const blocs = (state.blocs && state.blocs.blocs) || [];
  clear($("legend"),
    h("div", {}, h("span", { class: "sw", style: null, dataset: { kind: "pos" } }), "positive tie"),
    h("div", {}, h("span", { class: "sw", dataset: { kind: "neg" } }), "negative tie"),
    h("div", {}, h("span", { class: "sw", dataset: { kind: "mixed" } }), "mixed (dashed)"),
    blocs.length > 1 ? blocs.map((members, i) =>
      h("div", {}, h("span", { class: "dot", dataset: { bloc: String(i % BLOC_COLOURS.length) } }),
        `bloc ${i + 1}: ${members.join(", ")}`)) : null,
  );
  // Colours through CSSOM properties (not inline style attributes: the page's CSP forbids those).
  for (const el of $("legend").querySelectorAll(".sw")) {
    el.style.background = el.dataset.kind === "neg" ? "var(--neg)" : "var(--pos)";
    if (el.dataset.kind === "mixed") el.style.background = "repeating-linear-gradient(90deg, var(--pos) 0 6px, transparent 6px 9px)";
  }
  for (const el of $("legend").querySelectorAll(".dot")) el.style.background = BLOC_COLOURS[Number(el.dataset.bloc)];
  void partition;
}

function markSelected(el) {
  for (const old of $("graph").querySelectorAll(".selected")) old.classList.remove("selected");
  if (el) el.classList.add("selected");
}

function evidenceItem(ev) {
  return h("li", {},
    h("blockquote", { class: "evidence" }, ev.evidence),
    h("span", { class: "cite" },
      h("a", { href: docHref(ev.doc, ev.span) }, ev.doc),
      ev.date ? ` · ${ev.date}${ev.date_source === "document" ? " (document date)" : ev.date_source === "context" ? " (date from context)" : ""}` : " · undated",
      ev.quantity ? ` · ${ev.quantity.text}` : "",
      ev.modality && ev.modality !== "asserted" ? ` · ${ev.modality}` : ""),
  );
}

function selectEdge(e, el) {
  markSelected(el);
  const details = $("details");
  const lines = (e.evidence || []).map((line) =>
    h("div", { class: "ev-line" },
      h("h3", {}, `${line.source} `, h("span", { class: line.weight >= 0 ? "sign-pos" : "sign-neg" }, line.relation.replace(/_/g, " ")), ` ${line.target}`),
      h("p", { class: "muted" },
        `${line.layer} · ${line.modality} · ${line.sources} source${line.sources === 1 ? "" : "s"} · contribution ${line.contribution > 0 ? "+" : ""}${fmt(line.contribution)}`),
      h("ul", { class: "plain" }, line.evidence.map(evidenceItem)),
    ));
  clear(details,
    h("h2", { "data-edge-title": e.a + "|" + e.b }, `${name(e.a)} – ${name(e.b)}`),
    h("p", {},
      h("span", { class: "tag " + (e.sign > 0 ? "pos" : "neg") }, e.sign > 0 ? "positive" : "negative"),
      `weight ${fmt(e.weight)} (positive ${fmt(e.positive)}, negative ${fmt(e.negative)})`,
      e.mixed ? " · mixed" : "",
      e.layers && e.layers.length ? ` · ${e.layers.join(", ")}` : ""),
    h("p", {}, h("a", { href: `#dyad/${encodeURIComponent(e.a)}/${encodeURIComponent(e.b)}` }, "Timeline of this dyad →")),
    lines,
    e.against && e.against.length ? [h("h3", {}, "Evidence against (negated)"), h("ul", {}, e.against.map(evidenceItem))] : null,
  );
}

async function selectActor(id, el) {
  markSelected(el);
  const details = $("details");
  clear(details, h("h2", {}, name(id)), h("p", { class: "muted" }, "Loading…"));
  try {
    if (state.meta.features.brief) {
      const brief = await api(`/api/actors/${encodeURIComponent(id)}/brief`);
      clear(details, h("h2", {}, name(id)), renderBrief(brief));
    } else {
      const actor = await api(`/api/actors/${encodeURIComponent(id)}`);
      clear(details, h("h2", {}, `${actor.name} (${actor.id})`), renderActor(actor));
    }
  } catch (err) {
    clear(details, h("h2", {}, name(id)), h("p", { class: "error" }, err.message));
  }
}

function renderActor(actor) {
  const byPartner = new Map();
  for (const r of actor.relation_list) {
    const other = r.source === actor.id ? r.target : r.source;
    if (!byPartner.has(other)) byPartner.set(other, []);
    byPartner.get(other).push(r);
  }
  return [
    h("p", { class: "muted" }, `${actor.mentions} mentions in ${actor.documents} documents; ${actor.relations} relations`),
    [...byPartner].map(([other, rels]) => h("div", { class: "ev-line" },
      h("h3", {}, name(other), " ", h("a", { href: `#dyad/${encodeURIComponent(actor.id)}/${encodeURIComponent(other)}` }, "dyad →")),
      h("ul", {}, rels.map((r) => h("li", {}, h("span", { class: "tag " + (r.sign > 0 ? "pos" : r.sign < 0 ? "neg" : "") },
        `${r.source} ${r.relation} ${r.target}`), evidenceItem(r)))),
    )),
  ];
}

// A brief is rendered from its data: a summary and sections of lines whose "[n]" marks are the
// brief's footnotes, turned into links to the cited sentence in its document.
function renderBrief(brief) {
  const notes = new Map((brief.footnotes || []).map((n) => [n.n, n]));
  const cited = (text) => String(text || "").split(/(\[\d+\])/).map((part) => {
    const m = /^\[(\d+)\]$/.exec(part);
    const note = m ? notes.get(Number(m[1])) : null;
    return note ? h("a", { class: "cite", href: docHref(note.doc, note.span), title: note.sentence }, part) : part;
  });
  const out = [];
  const summary = brief.summary && typeof brief.summary === "object" ? brief.summary.text : brief.summary;
  if (summary) out.push(h("p", { class: "summary" }, cited(summary)));
  for (const section of brief.sections || []) {
    const lines = section.lines || [];
    if (!lines.length) continue;
    out.push(h("h3", {}, section.title || ""));
    out.push(h("ul", {}, lines.map((line) => h("li", {}, cited(typeof line === "string" ? line : line.text)))));
  }
  if (notes.size) {
    out.push(h("h3", {}, "Sources"));
    out.push(h("ol", { class: "notes" }, [...notes.values()].map((n) =>
      h("li", { value: n.n }, h("blockquote", { class: "evidence" }, n.sentence), h("a", { class: "cite", href: docHref(n.doc, n.span) }, n.doc)))));
  }
  return out;
}

// --- dyads -------------------------------------------------------------------------------------

function fillActorSelects() {
  const withRelations = state.actors.filter((a) => a.relations > 0);
  for (const id of ["dyad-a", "dyad-b"]) {
    const sel = $(id);
    const keep = sel.value;
    clear(sel, withRelations.map((a) => h("option", { value: a.id }, `${a.name} (${a.id})`)));
    if (keep) sel.value = keep;
  }
  if (!$("dyad-b").value || $("dyad-a").value === $("dyad-b").value) {
    if (withRelations.length > 1) $("dyad-b").value = withRelations[1].id;
  }
}

async function showDyadView(a, b) {
  if (!a || !b) return;
  a = decodeURIComponent(a);
  b = decodeURIComponent(b);
  $("dyad-a").value = a;
  $("dyad-b").value = b;
  const out = $("dyad-out");
  clear(out, h("p", { class: "muted" }, "Loading…"));
  const typeSign = new Map(state.meta.types.map((t) => [t.name, t.sign]));
  if (state.meta.features.dyad) {
    const d = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
    clear(out,
      h("h2", {}, `${name(d.a)} and ${name(d.b)}`),
      h("p", {}, `score ${fmt(d.score)} (positive ${fmt(d.positive)}, negative ${fmt(d.negative)}) · ${d.relations} relations in ${d.documents.length} documents`),
      h("div", { class: "timeline" }, timelineChart(d.timeline, typeSign)),
      d.quantities.length ? [h("h3", {}, "Quantities"), h("ul", {}, d.quantities.map((q) =>
        h("li", {}, `${q.source} ${q.relation.replace(/_/g, " ")} ${q.target}: ${q.text}`, h("ul", {}, q.evidence.map(evidenceItem)))))] : null,
      d.layers.map((layer) => h("div", { class: "ev-line" },
        h("h3", {}, `${layer.layer}: ${fmt(layer.score)}`),
        layer.lines.map((line) => h("div", {},
          h("p", {}, h("span", { class: "tag " + (line.contribution > 0 ? "pos" : line.contribution < 0 ? "neg" : "") },
            `${line.source} ${line.relation} ${line.target}`),
          `${line.modality} · ${line.sources} source${line.sources === 1 ? "" : "s"} · ${line.contribution > 0 ? "+" : ""}${fmt(line.contribution)}`),
          h("ul", {}, line.evidence.map(evidenceItem)))))),
    );
  } else {
    const rels = await api("/api/relations" + qs({ actor: a, other: b }));
    const years = new Map();
    for (const r of rels) {
      const y = r.date && r.date_source !== "none" ? r.date.slice(0, 4) : null;
      if (!years.has(y)) years.set(y, []);
      years.get(y).push(r);
    }
    const timeline = [...years].sort((x, y) => (x[0] === null) - (y[0] === null) || String(x[0]).localeCompare(String(y[0])))
      .map(([year, list]) => ({ year, relations: list }));
    clear(out, h("h2", {}, `${name(a)} and ${name(b)}`), h("p", {}, `${rels.length} relations`),
      h("div", { class: "timeline" }, timelineChart(timeline, typeSign)), h("ul", {}, rels.map(evidenceItem)));
  }
}

// Relations per year, stacked by type (green shades cooperative, red conflictual), with the
// year's signed score as a line when the analysis gives one.
function timelineChart(timeline, typeSign) {
  const dated = timeline.filter((y) => y.year !== null);
  const undated = timeline.find((y) => y.year === null);
  if (!dated.length) return h("p", { class: "muted" }, `No dated relations${undated ? ` (${undated.relations.length} undated)` : ""}.`);
  const first = parseInt(dated[0].year, 10);
  const last = parseInt(dated[dated.length - 1].year, 10);
  const years = [];
  for (let y = first; y <= last; y++) years.push(String(y));
  const byYear = new Map(dated.map((y) => [y.year, y]));
  const types = [...new Set(dated.flatMap((y) => y.relations.map((r) => r.relation)))].sort((p, q) => (typeSign.get(q) - typeSign.get(p)) || p.localeCompare(q));
  const shades = (sign, i) => (sign > 0 ? ["#1b8a4a", "#4caf72", "#86d0a0", "#0f5e31", "#b5e3c4"] : sign < 0 ? ["#c8283c", "#e2606f", "#f09aa4", "#8c1424", "#f7c6cc"] : ["#95a5a6", "#bdc3c7"])[i % 5] || "#95a5a6";
  const colour = new Map();
  const counters = { 1: 0, "-1": 0, 0: 0 };
  for (const t of types) {
    const sign = typeSign.get(t) || 0;
    colour.set(t, shades(sign, counters[sign]++));
  }
  const cw = 820;
  const ch = 220;
  const left = 40;
  const top = 20;
  const bw = cw / years.length;
  const maxCount = Math.max(1, ...dated.map((y) => y.relations.length));
  const scores = dated.filter((y) => typeof y.score === "number");
  const maxScore = Math.max(1, ...scores.map((y) => Math.abs(y.score)));
  const svg = s("svg", { viewBox: `0 0 ${left + cw + 40} ${top + ch + 70}`, role: "img", "aria-label": "Relations per year by type" });
  svg.append(s("line", { class: "axis", x1: left, y1: top + ch, x2: left + cw, y2: top + ch }));
  svg.append(s("text", { x: 4, y: top + 10 }, String(maxCount)));
  years.forEach((year, i) => {
    const entry = byYear.get(year);
    const x = left + i * bw;
    if (years.length <= 40 || i % Math.ceil(years.length / 40) === 0) {
      svg.append(s("text", { x: x + bw / 2, y: top + ch + 14, "text-anchor": "middle" }, years.length > 20 ? year.slice(2) : year));
    }
    if (!entry) return;
    let y = top + ch;
    const counts = new Map();
    for (const r of entry.relations) counts.set(r.relation, (counts.get(r.relation) || 0) + 1);
    for (const t of types) {
      const c = counts.get(t);
      if (!c) continue;
      const hgt = (c / maxCount) * (ch - 10);
      y -= hgt;
      svg.append(s("rect", { class: "bar", x: x + bw * 0.15, y, width: bw * 0.7, height: hgt, fill: colour.get(t) },
        s("title", {}, `${year}: ${c} × ${t}`)));
    }
  });
  if (scores.length) {
    const mid = top + ch / 2;
    const pts = scores.map((y) => [left + (parseInt(y.year, 10) - first + 0.5) * bw, mid - (y.score / maxScore) * (ch / 2 - 10)]);
    svg.append(s("polyline", { class: "score", points: pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" ") }));
    scores.forEach((y, i) => svg.append(s("circle", { class: "score-dot " + (y.score > 0 ? "pos" : y.score < 0 ? "neg" : "zero"), cx: pts[i][0], cy: pts[i][1], r: 4 },
      s("title", {}, `${y.year}: signed score ${fmt(y.score)}`))));
  }
  let lx = left;
  const ly = top + ch + 36;
  for (const t of types) {
    svg.append(s("rect", { x: lx, y: ly - 9, width: 10, height: 10, fill: colour.get(t) }));
    const label = s("text", { x: lx + 14, y: ly }, t.replace(/_/g, " "));
    svg.append(label);
    lx += 24 + t.length * 6.5;
    if (lx > left + cw - 60) break;
  }
  if (scores.length) svg.append(s("text", { x: left, y: ly + 20 }, "line: signed score per year (above the middle: cooperative)"));
  const wrap = h("div", {}, svg);
  if (undated) wrap.append(h("p", { class: "muted" }, `${undated.relations.length} undated relations are not on the timeline.`));
  return wrap;
}

// --- documents ---------------------------------------------------------------------------------

async function loadDocList(active) {
  const docs = await api("/api/documents");
  clear($("doc-list"), docs.map((d) => h("li", { class: d.id === active ? "active" : null },
    h("a", { href: docHref(d.id) }, d.title || d.id),
    h("div", { class: "muted" }, `${d.date || "undated"} · ${d.n_relations} relations`))));
}

async function openDocument(id, spanText) {
  const view = $("doc-view");
  const [doc] = await Promise.all([api("/api/documents/" + encodeURIComponent(id)), loadDocList(id)]);
  const focus = spanText && /^\d+-\d+$/.test(spanText) ? spanText.split("-").map(Number) : null;
  const text = h("div", { class: "doctext" });
  fill(text, highlighted(doc.text, doc.mentions, doc.relations, focus));
  clear(view,
    h("h2", {}, doc.title || doc.id),
    h("p", { class: "muted" }, `${doc.id} · ${doc.date || "undated"}`, /^https?:\/\//i.test(doc.url || "") ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url)] : null),
    h("p", { class: "muted" }, h("span", { class: "tag" }, "highlighted"), "relation evidence; ", h("span", { class: "tag" }, "tinted"), "actor mentions"),
    text,
    h("h3", {}, `${doc.relations.length} relations`),
    relationTable(doc.relations),
  );
  const target = view.querySelector(".focus");
  if (target) target.scrollIntoView({ block: "center" });
}

// Split the text at every mention and evidence boundary; each piece becomes a text node or a
// span whose classes say what covers it. The text itself is never parsed as markup.
function highlighted(text, mentions, relations, focus) {
  const cuts = new Set([0, text.length]);
  const spans = relations.map((r) => ({ start: r.span[0], end: r.span[1], r }));
  for (const m of mentions) cuts.add(m.start).add(m.end);
  for (const e of spans) cuts.add(e.start).add(e.end);
  if (focus) cuts.add(focus[0]).add(focus[1]);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const evs = spans.filter((e) => e.start <= a && b <= e.end);
    const ms = mentions.filter((m) => m.start <= a && b <= m.end);
    const inFocus = focus && focus[0] <= a && b <= focus[1];
    if (!evs.length && !ms.length && !inFocus) {
      out.push(piece);
      continue;
    }
    const classes = [evs.length ? "ev" : "", ms.length ? "mention" : "", inFocus ? "focus" : ""].filter(Boolean).join(" ");
    const title = [...new Set(evs.map((e) => `${e.r.source} ${e.r.relation} ${e.r.target} (${e.r.modality})`))]
      .concat(ms.map((m) => `${m.actor}: ${name(m.actor)}`)).join("\n");
    out.push(h("span", { class: classes, title, dataset: ms.length ? { actor: ms[0].actor } : {} }, piece));
  }
  return out;
}

function relationTable(relations) {
  if (!relations.length) return h("p", { class: "muted" }, "No relations.");
  return h("table", { class: "rels" },
    h("thead", {}, h("tr", {}, ["source", "relation", "target", "modality", "date", "evidence"].map((c) => h("th", {}, c)))),
    h("tbody", {}, relations.map((r) => h("tr", { "data-relation": `${r.source}|${r.relation}|${r.target}` },
      h("td", {}, r.source),
      h("td", {}, h("span", { class: "tag " + (r.sign > 0 ? "pos" : r.sign < 0 ? "neg" : "") }, r.relation)),
      h("td", {}, r.target),
      h("td", {}, r.modality),
      h("td", {}, r.date || ""),
      h("td", {}, h("a", { href: docHref(r.doc, r.span) }, r.evidence)),
    ))),
  );
}

// --- adding an article -------------------------------------------------------------------------

async function submitArticle(event) {
  event.preventDefault();
  const out = $("add-out");
  const file = $("add-file").files[0];
  const text = $("add-text").value;
  if (!file && !text.trim()) {
    clear(out, h("p", { class: "error" }, "Paste an article or choose a file."));
    return;
  }
  $("add-submit").disabled = true;
  clear(out, h("p", { class: "muted" }, "Extracting…"));
  try {
    let result;
    if (file) {
      result = await api("/api/documents/upload" + qs({ name: file.name }), {
        method: "POST", body: file, headers: { "Content-Type": file.type || "application/octet-stream" },
      });
    } else {
      result = await api("/api/documents", {
        method: "POST",
        json: { text, id: $("add-id").value || null, title: $("add-title").value || null, date: $("add-date").value || null },
      });
    }
    clear(out,
      h("p", { class: "result", "data-status": result.status },
        h("strong", {}, result.status), ` · ${result.relations.length} relations in `,
        h("a", { href: docHref(result.document.id) }, result.document.title || result.document.id)),
      relationTable(result.relations),
    );
    state.network = null; // the store changed: the network is redrawn on the next visit
    await refreshStats();
  } catch (err) {
    clear(out, h("p", { class: "error", "data-code": err.code || "" }, err.message));
  } finally {
    $("add-submit").disabled = false;
  }
}

// --- findings ----------------------------------------------------------------------------------

async function loadFindings() {
  const out = $("findings-out");
  clear(out, h("p", { class: "muted" }, "Computing…"));
  const f = filters();
  const has = state.meta.features;
  const [balance, infer, leverage, contradictions] = await Promise.all([
    has.balance_report ? api("/api/balance" + qs(f)) : null,
    has.infer ? api("/api/infer" + qs(f)) : null,
    has.leverage ? api("/api/leverage") : null,
    has.contradictions ? api("/api/contradictions") : null,
  ]);
  const sections = [];
  if (balance) {
    sections.push(h("section", { id: "balance" },
      h("h2", {}, "Structural balance"),
      h("p", {}, `frustration index ${fmt(balance.frustration_index)} (${balance.method}${balance.optimal ? ", optimal" : `, gap ${fmt(balance.gap)}`}); ` +
        `normalised ${fmt(balance.normalised)}`),
      h("p", {}, "Blocs: ", balance.blocs.map((b, i) => h("span", { class: "tag" }, `${i + 1}: ${b.join(", ")}`))),
      h("h3", {}, "Tensions"),
      balance.frustrated_edges.length ? h("ul", {}, balance.frustrated_edges.map((t) => h("li", { class: "tension" },
        h("strong", {}, t.tension || `${name(t.a)} – ${name(t.b)}`), ` (${t.kind || (t.sign > 0 ? "positive tie" : "hostility")}, weight ${fmt(t.weight)})`,
        h("ul", {}, (t.evidence || []).slice(0, 4).map(evidenceItem))))) : h("p", { class: "muted" }, "None: the network is balanced."),
    ));
  }
  if (infer) {
    sections.push(h("section", { id: "infer" },
      h("h2", {}, "Implied ties (the enemy of my enemy)"),
      infer.length ? h("ul", {}, infer.slice(0, 30).map((x) => h("li", {},
        h("span", { class: "tag " + (x.sign > 0 ? "pos" : x.sign < 0 ? "neg" : "") }, x.sign > 0 ? "implied positive" : x.sign < 0 ? "implied negative" : "undecided"),
        `${name(x.a)} – ${name(x.b)}`, x.status ? ` (${x.status})` : "",
        h("ul", {}, (x.triads || []).map((t) => h("li", {}, t.text)))))) : h("p", { class: "muted" }, "None."),
    ));
  }
  if (leverage) {
    sections.push(h("section", { id: "leverage" }, h("h2", {}, "Dependencies and leverage"),
      leverage.length ? h("ul", {}, leverage.map((x) => h("li", {},
        h("strong", {}, `${x.supplier} → ${x.dependent}: ${x.good}`),
        x.share !== null && x.share !== undefined ? ` · ${Math.round(x.share * 100)}% of ${x.reference || "supply"}` : "",
        x.single_supplier ? " · single supplier" : "",
        x.withhold ? h("div", { class: "muted" }, x.withhold) : null,
        h("ul", {}, (x.evidence || []).slice(0, 3).map(evidenceItem))))) : h("p", { class: "muted" }, "None.")));
  }
  if (contradictions) {
    sections.push(h("section", { id: "contradictions" }, h("h2", {}, "Contradictions"),
      contradictions.length ? h("ul", {}, contradictions.map((c) => h("li", {},
        h("span", { class: "tag" }, c.kind), c.summary || "",
        h("ul", {}, (c.claims || []).map(evidenceItem))))) : h("p", { class: "muted" }, "None.")));
  }
  if (!sections.length) sections.push(h("p", { class: "muted" }, "This version of the analysis engine offers no findings."));
  clear(out, h("div", { class: "findings" }, sections));
}

// --- boot --------------------------------------------------------------------------------------

async function boot() {
  try {
    state.meta = await api("/api/meta");
    setupFilters();
    $("dyad-form").addEventListener("submit", (event) => {
      event.preventDefault();
      location.hash = `#dyad/${encodeURIComponent($("dyad-a").value)}/${encodeURIComponent($("dyad-b").value)}`;
    });
    $("add-form").addEventListener("submit", submitArticle);
    await refreshStats();
    window.addEventListener("hashchange", route);
    await route();
    document.body.dataset.ready = "true";
  } catch (err) {
    showError(err);
  }
}

boot();
