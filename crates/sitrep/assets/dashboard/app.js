// sitrep dashboard: map, incident list, incident detail, timeline, brief and
// ceasefire views over the same-origin JSON API. Plain ES2020, no libraries.
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const FILTER_KEYS = ['since', 'until', 'country', 'type', 'actor', 'q'];
const TYPE_COLORS = {
  'Battles': '#b8420a',
  'Explosions/Remote violence': '#d68a00',
  'Violence against civilians': '#a3387a',
  'Protests': '#0065a3',
  'Riots': '#00785a',
  'Strategic developments': '#3b8fd0',
};
const OTHER_COLOR = '#666666';
const STATUS_COLORS = {
  agreed: '#7a8fa6', in_force: '#1b7f3b', suspended: '#d68a00', collapsed: '#b3261e', renewed: '#0065a3',
};
const LIST_PAGE = 200;
const MAX_INCIDENTS = 10000;
const MAP_W = 960, MAP_H = 540, R = 100; // viewBox size; world units per radian
const CELL = 48; // cluster grid cell, in viewBox units (~pixels)
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const TENS = { 30: 'thirty', 40: 'forty', 50: 'fifty', 60: 'sixty', 70: 'seventy', 80: 'eighty', 90: 'ninety', 100: 'hundred' };
const TRIGGERS = /\b(struck|strikes?|striking|hit|hits|attack(?:ed|s)?|shell(?:ed|ing)|bomb(?:ed|ing|s)?|missiles?|drones?|rockets?|shot|fired|clash(?:ed|es)?|fighting|killed|killing|kills?|wounded|wounding|injured|died|dead|explosions?|exploded|detonations?|raid(?:ed)?|captured|seized|protest(?:ed|ers|s)?|riot(?:s|ed)?|displaced|fled)\b/gi;

const $ = (sel, root = document) => root.querySelector(sel);
const state = { since: '', until: '', country: '', type: '', actor: '', q: '', incident: '', view: 'map' };
const app = {
  world: null, countries: new Map(), incidents: [], total: 0, shown: 0, subset: null,
  filterKey: null, loadSeq: 0, view: { k: 1, tx: 0, ty: 0 }, detailId: null,
};
let regionNames = null;
try { regionNames = new Intl.DisplayNames(['en'], { type: 'region' }); } catch (_) { /* old browser */ }

// ---------- small helpers ----------

// Create an HTML element with attributes and children (strings become text nodes).
function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const k of kids.flat(Infinity)) if (k != null && k !== false) el.append(k instanceof Node ? k : String(k));
  return el;
}

// Create an SVG element with attributes.
function s(tag, attrs = {}, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  for (const k of kids.flat(Infinity)) if (k != null) el.append(k instanceof Node ? k : String(k));
  return el;
}

// Set attributes; `class`, `text` and on* handlers are handled specially.
function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
}

// Fetch JSON from the API; throws an Error carrying the API's error message.
async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(await errorText(res));
  return res.json();
}

// Extract a readable message from an error response.
async function errorText(res) {
  try {
    const body = await res.json();
    if (body && body.error) return `${body.error.message || body.error.code} (HTTP ${res.status})`;
  } catch (_) { /* not JSON */ }
  return `HTTP ${res.status} ${res.statusText} for ${res.url}`;
}

// Show a status or error message in the live region.
function say(msg, isError = false) {
  const st = $('#status');
  st.textContent = msg || '';
  st.classList.toggle('error', isError);
  st.setAttribute('role', isError ? 'alert' : 'status');
}

// Human name for a country code ("UA" → "Ukraine"); unattributed → report's own voice.
function countryName(code) {
  if (!code) return 'unknown';
  if (code === 'unattributed') return 'Reports (unattributed)';
  const known = app.countries.get(code);
  if (known) return known;
  try { return (regionNames && regionNames.of(code)) || code; } catch (_) { return code; }
}

const typeColor = (t) => TYPE_COLORS[t] || OTHER_COLOR;
const fmtNum = (n) => (n == null ? '–' : Number(n).toLocaleString('en'));
const placeLabel = (p) => (p ? [p.name, p.admin1, p.country].filter(Boolean).join(', ') : 'place unknown');
const dateRange = (a, b) => (!a ? '' : a === b || !b ? a : `${a} – ${b}`);

// ---------- URL state ----------

// Read the state from the location's query string.
function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of Object.keys(state)) state[k] = p.get(k) || '';
  if (!['map', 'brief', 'ceasefire'].includes(state.view)) state.view = 'map';
}

// Write the state to the URL (push = new history entry).
function writeUrl(push) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v && !(k === 'view' && v === 'map')) p.set(k, v);
  const qs = p.toString();
  const url = location.pathname + (qs ? `?${qs}` : '');
  if (url === location.pathname + location.search) return;
  history[push ? 'pushState' : 'replaceState'](null, '', url);
}

// Copy the state into the filter form controls.
function stateToForm() {
  for (const k of FILTER_KEYS) {
    const el = $(`#filter-${k}`);
    if (k === 'country' && state.country && !el.querySelector(`option[value="${CSS.escape(state.country)}"]`)) {
      el.append(h('option', { value: state.country }, state.country));
    }
    el.value = state[k];
  }
}

// Copy the filter form controls into the state; returns true if anything changed.
function formToState() {
  let changed = false;
  for (const k of FILTER_KEYS) {
    const v = $(`#filter-${k}`).value.trim();
    if (v !== state[k]) { state[k] = v; changed = true; }
  }
  return changed;
}

// Query string of the incident filters (without q), for the API.
function filterQuery(extra = {}) {
  const p = new URLSearchParams();
  for (const k of ['since', 'until', 'country', 'type', 'actor']) if (state[k]) p.set(k, state[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

// ---------- views ----------

// Render whatever the current state asks for.
async function render() {
  stateToForm();
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const v of ['map', 'brief', 'ceasefire']) $(`#view-${v}`).hidden = state.view !== v;
  try {
    if (state.view === 'brief') await loadBrief();
    else if (state.view === 'ceasefire') await loadCeasefire();
    else await renderMapView();
  } catch (e) {
    say(e.message, true);
  }
}

// Map view: incidents (if the filters changed), timeline, search and detail.
async function renderMapView() {
  const key = filterQuery();
  const jobs = [];
  if (key !== app.filterKey) {
    app.filterKey = key;
    jobs.push(loadIncidents(), loadTimeline());
  }
  if (state.q !== app.lastQ) { app.lastQ = state.q; jobs.push(runSearch()); }
  if (state.incident) jobs.push(openIncident(state.incident));
  else closeDetail();
  await Promise.all(jobs);
}

// Change state, update the URL and re-render.
function navigate(changes, push = true) {
  Object.assign(state, changes);
  writeUrl(push);
  render();
}

// ---------- incidents + list ----------

// Fetch the filtered incidents (at most MAX_INCIDENTS) and redraw map and list.
async function loadIncidents() {
  const seq = ++app.loadSeq;
  const list = $('#incident-list');
  list.setAttribute('aria-busy', 'true');
  say('Loading incidents…');
  const data = await api(`/api/incidents?${filterQuery({ limit: MAX_INCIDENTS, offset: 0 })}`);
  if (seq !== app.loadSeq) return; // a newer load superseded this one
  const items = (data.items || []).slice();
  items.sort((a, b) => (b.last_date || '').localeCompare(a.last_date || '') || b.id - a.id);
  app.incidents = items;
  app.total = data.total ?? items.length;
  app.subset = null;
  say(app.total > items.length ? `Showing the newest ${items.length} of ${app.total} incidents; narrow the filters to see the rest.` : '');
  renderList(true);
  fitToIncidents();
  list.setAttribute('aria-busy', 'false');
}

// Render the incident list lazily: the first LIST_PAGE rows, then "show more".
function renderList(reset) {
  const list = $('#incident-list');
  const rows = app.subset || app.incidents;
  if (reset) { list.replaceChildren(); app.shown = 0; }
  const frag = document.createDocumentFragment();
  const end = Math.min(rows.length, app.shown + LIST_PAGE);
  for (let i = app.shown; i < end; i++) frag.append(h('li', {}, listItem(rows[i])));
  list.append(frag);
  app.shown = end;
  const more = $('#show-more');
  more.hidden = end >= rows.length;
  more.textContent = `Show more (${rows.length - end} left)`;
  $('#incident-count').textContent = app.subset ? `(${rows.length} here)` : `(${fmtNum(app.total)})`;
  if (!rows.length) list.append(h('li', { class: 'empty' }, 'No incidents match these filters.'));
  const sub = $('#list-subset');
  sub.hidden = !app.subset;
  if (app.subset) {
    sub.replaceChildren(`Showing ${rows.length} incidents at one spot. `,
      h('button', { type: 'button', class: 'linkish', onclick: () => { app.subset = null; renderList(true); } }, 'Show all'));
  }
}

// One list row: a button with date, type, place, killed and sides.
function listItem(inc) {
  const sides = inc.sides || [];
  const countries = new Set([inc.place && inc.place.country, inc.actor1_country, inc.actor2_country, ...sides].filter(Boolean));
  const killed = inc.killed == null ? 'killed: –' : `${fmtNum(inc.killed)} killed`;
  return h('button', {
    type: 'button', class: 'incident-item', 'data-incident-id': inc.id,
    'data-sides': sides.join(' '), 'data-countries': [...countries].join(' '),
    'aria-current': String(inc.id) === state.incident ? 'true' : null,
    onclick: () => selectIncident(inc.id),
  },
  h('span', { class: 'li-date' }, dateRange(inc.first_date, inc.last_date)),
  h('span', { class: 'li-type' }, h('span', { class: 'swatch', style: `background:${typeColor(inc.event_type)}`, 'aria-hidden': 'true' }), inc.event_type || 'Unclassified'),
  h('span', { class: 'li-place' }, placeLabel(inc.place)),
  h('span', { class: 'li-killed' }, killed),
  h('span', { class: 'li-sides' }, sides.length ? `Sides: ${sides.map((x) => (x === 'unattributed' ? 'unattributed' : x)).join(', ')}` : ''));
}

// Choose an incident: record it in the URL and open its detail.
function selectIncident(id) {
  navigate({ incident: String(id) });
  for (const b of document.querySelectorAll('.incident-item')) {
    if (b.dataset.incidentId === String(id)) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
}

// ---------- map ----------

// Decode a TopoJSON object into arrays of rings (each ring an array of [lon, lat]).
function topoRings(topo, objectName) {
  const [sx, sy] = topo.transform ? topo.transform.scale : [1, 1];
  const [tx, ty] = topo.transform ? topo.transform.translate : [0, 0];
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0; // delta-encoded, quantized positions
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (idx) => {
    const out = [];
    for (const i of idx) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      out.push(...(out.length ? a.slice(1) : a)); // shared end points appear once
    }
    return out;
  };
  const rings = [];
  const geom = (g) => {
    if (g.type === 'Polygon') g.arcs.forEach((r) => rings.push(ring(r)));
    else if (g.type === 'MultiPolygon') g.arcs.forEach((p) => p.forEach((r) => rings.push(ring(r))));
    else if (g.type === 'GeometryCollection') g.geometries.forEach(geom);
  };
  geom(topo.objects[objectName]);
  return rings;
}

// Split a ring where it jumps across the ±180° meridian, so each piece closes along the map edge.
function splitAntimeridian(ring) {
  const pts = ring.slice(0, -1); // drop the repeated closing point
  const jump = (i) => Math.abs(pts[i][0] - pts[(i + 1) % pts.length][0]) > 180;
  const first = pts.findIndex((_, i) => jump(i));
  if (first < 0) return [ring];
  const rot = pts.slice(first + 1).concat(pts.slice(0, first + 1)); // start just after a jump
  const pieces = [[]];
  rot.forEach((p, i) => {
    pieces[pieces.length - 1].push(p);
    if (i + 1 < rot.length && Math.abs(p[0] - rot[i + 1][0]) > 180) pieces.push([]);
  });
  return pieces.filter((pc) => pc.length > 2);
}

// Natural Earth I projection: [lon, lat] degrees → world units (y down).
function project(lon, lat) {
  const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180;
  const p2 = p * p, p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x * R, -y * R];
}

// Build the map SVG once: land outlines in a transformable group plus a marker layer.
function buildMap(topo) {
  const d = topoRings(topo, 'countries').flatMap(splitAntimeridian).map((r) => {
    let out = '';
    r.forEach(([lon, lat], i) => { const [x, y] = project(lon, lat); out += `${i ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`; });
    return `${out}Z`;
  }).join('');
  const [, top] = project(0, 90), [right] = project(180, 0);
  const svg = s('svg', { viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: 'group', 'aria-label': 'Map of incidents', preserveAspectRatio: 'xMidYMid meet' },
    s('rect', { class: 'sea', x: 0, y: 0, width: MAP_W, height: MAP_H }),
    s('g', { id: 'map-world' },
      s('path', { class: 'sphere', d: `M${-right} ${top}H${right}V${-top}H${-right}Z` }),
      s('path', { class: 'land', d, 'fill-rule': 'evenodd' })),
    s('g', { id: 'map-markers' }));
  $('#map').replaceChildren(svg);
  app.svg = svg;
  enablePanZoom(svg);
}

// Draw the current view transform and re-cluster the markers.
function applyView() {
  if (!app.svg) return;
  const { k, tx, ty } = app.view;
  $('#map-world').setAttribute('transform', `translate(${tx.toFixed(2)} ${ty.toFixed(2)}) scale(${k})`);
  $('#map-world').style.setProperty('--k', k);
  drawMarkers();
}

// Set the view so the world-unit box [x0,y0,x1,y1] fills the map with padding.
function fitBox(x0, y0, x1, y1, pad = 0.12) {
  const minSpan = 8; // world units (~4.5°), so one incident is not zoomed to the street
  let w = Math.max(x1 - x0, minSpan), hgt = Math.max(y1 - y0, minSpan * 0.6);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  w *= 1 + 2 * pad; hgt *= 1 + 2 * pad;
  const k = clampK(Math.min(MAP_W / w, MAP_H / hgt));
  app.view = { k, tx: MAP_W / 2 - cx * k, ty: MAP_H / 2 - cy * k };
  applyView();
}

// Limit the zoom factor between the whole world and a city scale.
function clampK(k) {
  const worldK = Math.min(MAP_W / (2 * Math.PI * 0.8707 * R), MAP_H / (2 * 1.4224 * R));
  return Math.max(worldK * 0.9, Math.min(k, 400));
}

// Fit to the extent of the current incidents, or the whole world if none have places.
function fitToIncidents() {
  const pts = app.incidents.filter(hasPlace).map((i) => project(i.place.lon, i.place.lat));
  if (!pts.length) return fitWorld();
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  fitBox(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
}

// Show the whole world.
function fitWorld() {
  const [x1] = project(180, 0), [, y0] = project(0, 85);
  fitBox(-x1, y0, x1, project(0, -60)[1], 0.02);
}

const hasPlace = (i) => i.place && Number.isFinite(i.place.lat) && Number.isFinite(i.place.lon);

// Marker radius from severity (killed), with a minimum for 0 or unknown.
const markerRadius = (killed) => Math.min(18, 4 + 2 * Math.sqrt(killed || 0));

// Draw markers and grid clusters for the incidents visible in the current view.
function drawMarkers() {
  const layer = $('#map-markers');
  if (!layer) return;
  const { k, tx, ty } = app.view;
  const cells = new Map();
  for (const inc of app.incidents) {
    if (!hasPlace(inc)) continue;
    const [wx, wy] = project(inc.place.lon, inc.place.lat);
    const x = wx * k + tx, y = wy * k + ty;
    if (x < -20 || y < -20 || x > MAP_W + 20 || y > MAP_H + 20) continue;
    const key = `${Math.floor(x / CELL)},${Math.floor(y / CELL)}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { members: [], sx: 0, sy: 0 }));
    c.members.push(inc); c.sx += x; c.sy += y;
  }
  const frag = document.createDocumentFragment();
  for (const c of mergeOverlaps([...cells.values()])) {
    const n = c.members.length, x = c.sx / n, y = c.sy / n;
    if (n === 1) frag.append(markerEl(c.members[0], x, y));
    else frag.append(clusterEl(c.members, x, y));
  }
  layer.replaceChildren(frag);
}

// Greedily merge grid cells whose circles would overlap, biggest first.
function mergeOverlaps(cells) {
  const radius = (c) => (c.members.length === 1 ? markerRadius(c.members[0].killed) : clusterRadius(c.members.length));
  cells.sort((a, b) => b.members.length - a.members.length);
  const out = [];
  for (const c of cells) {
    const n = c.members.length, x = c.sx / n, y = c.sy / n;
    const host = out.find((o) => Math.hypot(o.sx / o.members.length - x, o.sy / o.members.length - y) < radius(o) + radius(c) + 2);
    if (host && (n > 1 || host.members.length > 1)) {
      host.members.push(...c.members); host.sx += c.sx; host.sy += c.sy;
    } else out.push(c);
  }
  return out;
}

const clusterRadius = (n) => Math.min(21, 10 + 2.2 * Math.log2(n));

// One incident marker: a focusable circle coloured by type, sized by killed.
function markerEl(inc, x, y) {
  const label = `${inc.event_type || 'Incident'} at ${placeLabel(inc.place)}, ${dateRange(inc.first_date, inc.last_date)}, ${inc.killed == null ? 'killed unknown' : `${inc.killed} killed`}`;
  const el = s('circle', {
    class: 'marker', cx: x.toFixed(1), cy: y.toFixed(1), r: markerRadius(inc.killed), fill: typeColor(inc.event_type),
    tabindex: 0, role: 'button', 'aria-label': label, 'data-incident-id': inc.id,
  }, s('title', {}, label));
  activate(el, () => selectIncident(inc.id));
  return el;
}

// A cluster of several incidents: circle with a count; activating it zooms in.
function clusterEl(members, x, y) {
  const n = members.length;
  const r = clusterRadius(n);
  const label = `Cluster of ${n} incidents; activate to zoom in`;
  const g = s('g', { class: 'cluster', tabindex: 0, role: 'button', 'aria-label': label, transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})` },
    s('title', {}, label), s('circle', { r }), s('text', { 'text-anchor': 'middle', dy: '0.35em' }, n > 999 ? `${Math.round(n / 100) / 10}k` : n));
  activate(g, () => {
    zoomToMembers(members);
    const next = $('#map-markers > [tabindex]'); // the old element is gone: keep keyboard focus on the map
    if (next && !app.subset) next.focus();
  });
  return g;
}

// Run fn on click and on Enter/Space (for focusable SVG elements).
function activate(el, fn) {
  el.addEventListener('click', fn);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); }
  });
}

// Zoom to a cluster's members; if they share one spot, list them instead.
function zoomToMembers(members) {
  const pts = members.map((i) => project(i.place.lon, i.place.lat));
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (span * app.view.k < 2 || app.view.k >= clampK(Infinity)) {
    app.subset = members;
    renderList(true);
    const first = $('#incident-list .incident-item');
    if (first) first.focus();
    return;
  }
  const k = clampK(Math.min(MAP_W / (span * 1.6), app.view.k * 8));
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  app.view = { k, tx: MAP_W / 2 - cx * k, ty: MAP_H / 2 - cy * k };
  applyView();
}

// Zoom by a factor around a viewBox point (default the centre).
function zoomBy(f, px = MAP_W / 2, py = MAP_H / 2) {
  const { k, tx, ty } = app.view;
  const k2 = clampK(k * f);
  app.view = { k: k2, tx: px - ((px - tx) / k) * k2, ty: py - ((py - ty) / k) * k2 };
  applyView();
}

// Mouse wheel zoom and pointer-drag panning on the map.
function enablePanZoom(svg) {
  const toView = (e) => {
    const r = svg.getBoundingClientRect();
    const sc = Math.min(r.width / MAP_W, r.height / MAP_H);
    return [(e.clientX - r.left - (r.width - MAP_W * sc) / 2) / sc, (e.clientY - r.top - (r.height - MAP_H * sc) / 2) / sc];
  };
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [px, py] = toView(e);
    zoomBy(e.deltaY < 0 ? 1.25 : 0.8, px, py);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.target.closest('.marker, .cluster')) return;
    drag = { p: toView(e), tx: app.view.tx, ty: app.view.ty };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const [x, y] = toView(e);
    app.view.tx = drag.tx + x - drag.p[0];
    app.view.ty = drag.ty + y - drag.p[1];
    applyView();
  });
  svg.addEventListener('pointerup', () => { drag = null; });
}

// Legend of marker colours by event type.
function buildLegend() {
  $('#legend').replaceChildren(...Object.entries(TYPE_COLORS).map(([t, c]) =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${c}`, 'aria-hidden': 'true' }), t)),
  h('li', {}, h('span', { class: 'swatch cluster-swatch', 'aria-hidden': 'true' }), 'Cluster (count)'),
  h('li', { class: 'legend-note' }, 'Marker size: people killed'));
}

// ---------- incident detail ----------

// Fetch and render one incident's detail panel.
async function openIncident(id) {
  if (app.detailId === id && !$('#incident-detail').hidden) return;
  app.detailId = id;
  const panel = $('#incident-detail');
  panel.hidden = false;
  panel.setAttribute('aria-busy', 'true');
  panel.replaceChildren(h('h2', { id: 'detail-heading' }, `Incident ${id}`), h('p', {}, 'Loading…'));
  let inc;
  try {
    inc = await api(`/api/incidents/${encodeURIComponent(id)}`);
  } catch (e) {
    panel.replaceChildren(h('h2', { id: 'detail-heading' }, `Incident ${id}`), h('p', { class: 'error' }, e.message), closeButton());
    panel.setAttribute('aria-busy', 'false');
    return;
  }
  if (app.detailId !== id) return;
  renderDetail(panel, inc);
  panel.setAttribute('aria-busy', 'false');
  panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
  panel.focus({ preventScroll: true });
}

// Hide the detail panel.
function closeDetail() {
  app.detailId = null;
  $('#incident-detail').hidden = true;
}

// A button that closes the detail panel and clears it from the URL.
function closeButton() {
  return h('button', { type: 'button', class: 'close secondary', onclick: () => {
    const id = state.incident;
    navigate({ incident: '' });
    const row = document.querySelector(`.incident-item[data-incident-id="${CSS.escape(id)}"]`);
    if (row) row.focus();
  } }, 'Close');
}

// Render the incident: profile facts, then the accounts grouped by side in columns.
function renderDetail(panel, inc) {
  const p = inc.profile || {};
  const place = p.place;
  const facts = [
    ['Type', [p.event_type, p.sub_event_type].filter(Boolean).join(' — ') || '–'],
    ['PLOVER', p.plover || '–'],
    ['Place', placeLabel(place) + (place && place.kind ? ` (${place.kind})` : '')],
    ['Dates', dateRange(p.first_date, p.last_date) || '–'],
    ['Actor countries', (p.actor_countries || [p.actor1_country, p.actor2_country]).filter(Boolean).map(countryName).join(', ') || '–'],
    ['Reports', (p.reports || []).join(', ') || '–'],
  ];
  const groups = new Map();
  for (const a of inc.accounts || []) {
    const side = a.side || 'unattributed';
    if (!groups.has(side)) groups.set(side, []);
    groups.get(side).push(a);
  }
  const order = [...groups.keys()].sort((x, y) => (x === 'unattributed') - (y === 'unattributed'));
  const cols = order.map((side) => h('div', { class: 'side', 'data-side': side },
    h('h3', {}, side === 'unattributed' ? 'Unattributed (reports\u2019 own voice)' : `${countryName(side)} side (${side})`),
    groups.get(side).map((a) => accountEl(a, inc))));
  panel.replaceChildren(
    h('div', { class: 'detail-head' },
      h('h2', { id: 'detail-heading' }, `${p.event_type || 'Incident'} — ${place ? place.name : 'place unknown'}`, h('span', { class: 'count' }, ` #${inc.id}`)),
      closeButton()),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h3', { class: 'accounts-heading' }, `Accounts by side (${(inc.accounts || []).length})`),
    h('div', { class: 'sides', style: `--cols:${Math.max(1, cols.length)}` }, cols));
}

// One account: report, date, source, claimant, status, figures and the highlighted sentence.
function accountEl(a, inc) {
  const src = /^https?:\/\//.test(a.source || '')
    ? h('a', { href: a.source, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'source' }, a.source.replace(/^https?:\/\//, ''))
    : h('span', { class: 'source' }, a.source || 'source unknown');
  const figures = (a.figures || []).map((f) => h('li', {}, figureText(f)));
  const body = [
    h('p', { class: 'acc-meta' }, h('span', { class: 'report' }, a.report), ' · ', h('time', { datetime: a.published || '' }, a.published || 'undated'), ' · ', src),
    h('p', { class: 'acc-claim' }, h('span', { class: `badge status-${a.status}` }, a.status || 'reported'),
      a.claimed_by ? ` claimed by ${a.claimed_by}` : ' in the report\u2019s own voice'),
    figures.length ? h('ul', { class: 'figures', 'aria-label': 'Figures' }, figures) : null,
    h('blockquote', { class: 'sentence' }, h('q', {}, highlight(a.sentence || '', a, inc))),
  ];
  if (a.copy_of) {
    return h('details', { class: 'account copy' }, h('summary', {}, `${a.report}: copy of ${a.copy_of}`), body);
  }
  return h('article', { class: 'account' }, body);
}

// Readable text of one casualty figure.
function figureText(f) {
  const q = { at_least: 'at least ', more_than: 'more than ', about: 'about ', up_to: 'up to ', exact: '' }[f.qualifier] ?? (f.qualifier ? `${f.qualifier} ` : '');
  const n = f.count_high ? `${fmtNum(f.count)}–${fmtNum(f.count_high)}` : fmtNum(f.count);
  const extra = [f.population && f.population !== 'unspecified' ? f.population : null, f.cumulative ? 'cumulative' : null,
    f.claimed_by ? `per ${f.claimed_by}` : null].filter(Boolean).join(', ');
  return `${f.kind}: ${q}${n}${extra ? ` (${extra})` : ''}`;
}

// Words for a number as reports write it: digits, with separators, and small numbers spelt out.
function numberForms(n) {
  if (n == null || !Number.isFinite(n)) return [];
  const forms = [String(n), n.toLocaleString('en')];
  if (n <= 20) forms.push(NUMBER_WORDS[n]);
  else if (TENS[n]) forms.push(TENS[n]);
  return forms;
}

// The sentence as nodes, with <mark> around figure numbers, place names and trigger words.
function highlight(text, a, inc) {
  const ranges = [];
  const esc = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const add = (re, cls) => { for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length, cls]); };
  const nums = new Set();
  for (const f of a.figures || []) { numberForms(f.count).forEach((x) => nums.add(x)); numberForms(f.count_high).forEach((x) => nums.add(x)); }
  for (const w of nums) add(new RegExp(`(?<![\\w,.])${esc(w)}(?![\\w]|[,.]\\d)`, 'gi'), 'fig');
  const places = new Set([a.place && a.place.name, inc.profile && inc.profile.place && inc.profile.place.name].filter(Boolean));
  for (const pl of places) add(new RegExp(`\\b${esc(pl)}\\b`, 'gi'), 'place');
  add(TRIGGERS, 'trigger');
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out = [];
  let pos = 0;
  for (const [st, en, cls] of ranges) {
    if (st < pos) continue; // overlaps an earlier mark
    if (st > pos) out.push(text.slice(pos, st));
    out.push(h('mark', { class: `hl-${cls}` }, text.slice(st, en)));
    pos = en;
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

// ---------- timeline ----------

// Fetch the killed and displaced tallies for the filtered country and draw them.
async function loadTimeline() {
  const box = $('#timeline');
  $('#timeline-scope').textContent = state.country ? `(${countryName(state.country)})` : '(all countries)';
  const c = state.country ? `country=${encodeURIComponent(state.country)}&` : '';
  let killed, displaced;
  try {
    [killed, displaced] = await Promise.all(['killed', 'displaced'].map((k) => api(`/api/tallies?${c}kind=${k}`)));
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, `Tallies unavailable: ${e.message}`));
    return;
  }
  box.replaceChildren(
    chart('Killed', mergeSeries(killed, 'killed'), '#b3261e'),
    chart('Displaced', mergeSeries(displaced, 'displaced'), '#0065a3'));
}

// Sum the running series of several countries into one series (carrying values forward).
function mergeSeries(tallies, kind) {
  const rows = (tallies || []).filter((t) => t.kind === kind && Array.isArray(t.series));
  const dates = [...new Set(rows.flatMap((t) => t.series.map((p) => p.date)))].sort();
  return dates.map((d) => ({
    date: d,
    count: rows.reduce((sum, t) => {
      let v = 0;
      for (const p of t.series) if (p.date <= d) v = p.count;
      return sum + v;
    }, 0),
  }));
}

// An accessible SVG line chart of one series, with a data table for screen readers.
function chart(title, series, color) {
  const W = 460, H = 200, L = 56, Rm = 12, T = 24, B = 34;
  const wrap = h('figure', { class: 'chart' });
  if (!series.length) {
    wrap.append(h('figcaption', {}, title), h('p', { class: 'muted' }, 'No figures for this selection.'));
    return wrap;
  }
  const t = series.map((p) => Date.parse(p.date));
  const t0 = Math.min(...t), t1 = Math.max(...t), span = Math.max(t1 - t0, 864e5);
  const max = Math.max(1, ...series.map((p) => p.count));
  const X = (v) => L + ((v - t0) / span) * (W - L - Rm), Y = (v) => H - B - (v / max) * (H - T - B);
  const last = series[series.length - 1];
  const label = `${title} over time: from ${fmtNum(series[0].count)} on ${series[0].date} to ${fmtNum(last.count)} on ${last.date}`;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label }, s('title', {}, label));
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(max * f);
    svg.append(s('line', { class: 'grid', x1: L, x2: W - Rm, y1: Y(v), y2: Y(v) }),
      s('text', { class: 'axis', x: L - 6, y: Y(v) + 4, 'text-anchor': 'end' }, fmtNum(v)));
  }
  const ticks = series.length <= 4 ? series : [series[0], series[Math.floor(series.length / 2)], last];
  ticks.forEach((p, i) => svg.append(s('text', {
    class: 'axis', x: X(Date.parse(p.date)), y: H - 18,
    'text-anchor': ticks.length > 1 && i === ticks.length - 1 ? 'end' : i === 0 ? 'start' : 'middle',
  }, p.date.slice(5))));
  svg.append(s('text', { class: 'axis', x: L, y: H - 4 }, series[0].date.slice(0, 4)));
  const pts = series.map((p, i) => `${i ? 'L' : 'M'}${X(t[i]).toFixed(1)} ${Y(p.count).toFixed(1)}`).join('');
  svg.append(s('path', { d: pts, fill: 'none', stroke: color, 'stroke-width': 2.5 }));
  series.forEach((p, i) => svg.append(s('circle', { cx: X(t[i]), cy: Y(p.count), r: 3.5, fill: color }, s('title', {}, `${p.date}: ${fmtNum(p.count)}`))));
  const table = h('table', { class: 'sr-only' }, h('caption', {}, `${title} by date`),
    h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, title)),
    series.map((p) => h('tr', {}, h('td', {}, p.date), h('td', {}, fmtNum(p.count)))));
  wrap.append(h('figcaption', {}, `${title} (running total)`), svg, table);
  return wrap;
}

// ---------- search ----------

// Run the full-text search for state.q and list the hits above the incident list.
async function runSearch() {
  const box = $('#search-results');
  if (!state.q) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.replaceChildren(h('p', {}, `Searching for “${state.q}”…`));
  let hits;
  try {
    hits = await api(`/api/search?q=${encodeURIComponent(state.q)}&limit=20`);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, e.message));
    return;
  }
  const clear = h('button', { type: 'button', class: 'linkish', onclick: () => navigate({ q: '' }) }, 'Clear search');
  box.replaceChildren(
    h('h3', {}, `Search: ${hits.length} report${hits.length === 1 ? '' : 's'} for “${state.q}” `, clear),
    h('ol', { class: 'hits' }, hits.map((r) => h('li', {},
      h('p', { class: 'hit-title' }, r.title || r.doc_id),
      h('p', { class: 'muted' }, [r.doc_id, r.published, r.source].filter(Boolean).join(' · ')),
      h('p', {}, bracketMarks(r.snippet || ''))))));
}

// Turn "[word]" markers in a snippet into <mark> elements.
function bracketMarks(text) {
  return text.split(/(\[[^\]]*\])/).map((part) => (/^\[.*\]$/.test(part) ? h('mark', {}, part.slice(1, -1)) : part));
}

// ---------- brief ----------

// Fetch the HTML brief for the filters and show it (sanitised, in a shadow root).
async function loadBrief() {
  const box = $('#brief');
  box.setAttribute('aria-busy', 'true');
  const p = new URLSearchParams({ format: 'html' });
  for (const k of ['since', 'until', 'country']) if (state[k]) p.set(k, state[k]);
  const res = await fetch(`/api/brief?${p}`);
  if (!res.ok) throw new Error(await errorText(res));
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  for (const el of doc.querySelectorAll('script, iframe, object, embed, link, meta, base, form')) el.remove();
  for (const el of doc.body.querySelectorAll('*')) {
    for (const at of [...el.attributes]) {
      if (/^on/i.test(at.name) || (/^(href|src|xlink:href)$/i.test(at.name) && /^\s*javascript:/i.test(at.value))) el.removeAttribute(at.name);
    }
    if (el.tagName === 'IMG') el.remove(); // no external requests
  }
  const css = [...doc.querySelectorAll('style')].map((st) => st.textContent.replace(/\bbody\b/g, '.brief-body').replace(/@import[^;]*;/g, '')).join('\n');
  const root = box.shadowRoot || box.attachShadow({ mode: 'open' });
  const body = h('div', { class: 'brief-body' });
  body.append(...doc.body.childNodes);
  root.replaceChildren(h('style', {}, `${css}\n.brief-body{margin:0 auto}`), body);
  box.setAttribute('aria-busy', 'false');
}

// ---------- ceasefire ----------

// Fetch and render the ceasefire tracker: agreements, status bands, violations, commitments.
async function loadCeasefire() {
  const box = $('#ceasefire');
  box.replaceChildren(h('p', {}, 'Loading…'));
  let t;
  try {
    t = await api(`/api/ceasefire${state.country ? `?parties=${encodeURIComponent(state.country)}` : ''}`);
  } catch (e) {
    if (!state.country) throw e;
    t = await api('/api/ceasefire'); // the server may want a pair of parties: show all instead
  }
  const agreements = t.agreements || [], status = t.status || [], violations = t.violations || [];
  const byKey = new Map(agreements.map((a) => [a.key, a]));
  const aName = (k) => (byKey.get(k) ? byKey.get(k).name : k || '–');
  const parties = (ps) => (ps || []).map(countryName).join(' – ');
  box.replaceChildren(
    h('section', { class: 'panel' }, h('h3', {}, `Agreements (${agreements.length})`),
      agreements.length ? h('ul', { class: 'agreements' }, agreements.map((a) => h('li', { class: 'agreement' },
        h('h4', {}, `${a.name} (${a.kind}) — ${parties(a.parties)}`),
        h('p', {}, `Agreed ${a.agreed || '–'}; in effect ${a.effective || '–'}`, a.place_signed ? `; signed in ${a.place_signed}` : '', a.mediator ? `; mediator ${countryName(a.mediator)}` : ''),
        (a.terms || []).length ? h('p', {}, `Terms: ${a.terms.join('; ')}`) : null,
        sourcesEl(a.sources)))) : h('p', { class: 'muted' }, 'No agreements found.')),
    h('section', { class: 'panel' }, h('h3', {}, 'Status over time'), statusBands(status, aName)),
    h('section', { class: 'panel' }, h('h3', {}, `Violations (${violations.length})`),
      violations.length ? h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Date', 'Place', 'Alleged by', 'Against', 'Denied', 'Agreement', 'Source'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, violations.map((v) => h('tr', {},
          h('td', {}, v.date || '–'), h('td', {}, v.place || '–'), h('td', {}, parties(v.alleged_by)), h('td', {}, countryName(v.against)),
          h('td', {}, v.denied ? 'yes' : 'no'), h('td', {}, aName(v.agreement)),
          h('td', {}, (v.sources || []).map((x) => h('p', {}, h('span', { class: 'report' }, x.report), ' ', h('q', {}, x.sentence)))))))) : h('p', { class: 'muted' }, 'No violations reported.')),
    commitmentsEl(t.commitments || [], aName));
}

// The sources of an agreement, collapsed.
function sourcesEl(sources) {
  if (!sources || !sources.length) return null;
  return h('details', {}, h('summary', {}, `Sources (${sources.length})`),
    h('ul', {}, sources.map((x) => h('li', {}, h('span', { class: 'report' }, x.report), ` ${x.published || ''} `, h('q', {}, x.sentence)))));
}

// One coloured horizontal band per party pair, one segment per status period, plus a text list.
function statusBands(status, aName) {
  if (!status.length) return h('p', { class: 'muted' }, 'No status changes recorded.');
  const pairs = new Map();
  for (const st of status) {
    const key = (st.parties || []).join('–');
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(st);
  }
  const dates = status.map((x) => Date.parse(x.date)).filter(Number.isFinite);
  const t0 = Math.min(...dates), t1 = Math.max(...dates) + 3 * 864e5;
  const W = 900, L = 90, rowH = 34, H = pairs.size * rowH + 28;
  const X = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - 10);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Ceasefire status bands per pair of parties; details in the list below' });
  const list = h('ol', { class: 'status-list' });
  [...pairs.entries()].forEach(([key, rows], i) => {
    rows.sort((a, b) => a.date.localeCompare(b.date));
    const y = 6 + i * rowH;
    svg.append(s('text', { class: 'axis', x: 4, y: y + 18 }, key));
    rows.forEach((st, j) => {
      const a = Date.parse(st.date), b = j + 1 < rows.length ? Date.parse(rows[j + 1].date) : t1;
      const w = Math.max(2, X(b) - X(a));
      svg.append(s('rect', { x: X(a), y, width: w, height: 24, fill: STATUS_COLORS[st.status] || OTHER_COLOR, class: 'band' },
        s('title', {}, `${key}: ${st.status} from ${st.date} (${aName(st.agreement)})`)));
      if (w > 60) svg.append(s('text', { class: 'band-label', x: X(a) + 4, y: y + 16, fill: ['agreed', 'suspended'].includes(st.status) ? '#111' : '#fff' }, st.status.replace('_', ' ')));
      list.append(h('li', {}, h('span', { class: 'swatch', style: `background:${STATUS_COLORS[st.status] || OTHER_COLOR}`, 'aria-hidden': 'true' }),
        `${st.date} · ${key} · ${st.status.replace('_', ' ')} · ${aName(st.agreement)}`));
    });
  });
  const last = H - 6;
  svg.append(s('text', { class: 'axis', x: L, y: last }, new Date(t0).toISOString().slice(0, 10)),
    s('text', { class: 'axis', x: W - 10, y: last, 'text-anchor': 'end' }, new Date(t1).toISOString().slice(0, 10)));
  const legend = h('ul', { class: 'legend' }, Object.entries(STATUS_COLORS).map(([k, c]) =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${c}`, 'aria-hidden': 'true' }), k.replace('_', ' '))));
  return h('div', { class: 'bands' }, svg, legend, h('details', {}, h('summary', {}, 'Status changes as a list'), list));
}

// Table of commitments made under each agreement.
function commitmentsEl(cs, aName) {
  if (!cs.length) return h('section', { class: 'panel' }, h('h3', {}, 'Commitments'), h('p', { class: 'muted' }, 'None recorded.'));
  const met = (m) => (m === true ? 'met' : m === false ? 'not met' : 'unknown');
  return h('section', { class: 'panel' }, h('h3', {}, `Commitments (${cs.length})`),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Agreement', 'Term', 'By', 'Met'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, cs.map((c) => h('tr', {}, h('td', {}, aName(c.agreement)), h('td', {}, c.term), h('td', {}, countryName(c.by)), h('td', {}, met(c.met)))))));
}

// ---------- start-up ----------

// Fill the country <select> from /api/countries.
async function loadCountries() {
  const list = await api('/api/countries');
  const sel = $('#filter-country');
  for (const c of list) {
    app.countries.set(c.code, c.name || c.code);
    sel.append(h('option', { value: c.code }, `${c.name || c.code} (${c.code}) — ${fmtNum(c.incidents)}`));
  }
}

// Wire up the filter form, nav links, map buttons and history.
function wireEvents() {
  const form = $('#filters');
  form.addEventListener('submit', (e) => { e.preventDefault(); formToState(); navigate({}); });
  for (const id of ['#filter-country', '#filter-type', '#filter-since', '#filter-until', '#filter-actor']) {
    $(id).addEventListener('change', () => { if (formToState()) navigate({ incident: '' }); });
  }
  $('#filter-reset').addEventListener('click', () => {
    navigate({ since: '', until: '', country: '', type: '', actor: '', q: '', incident: '' });
  });
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    a.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      navigate({ view: a.dataset.view });
    });
  }
  $('#show-more').addEventListener('click', () => renderList(false));
  $('#zoom-in').addEventListener('click', () => zoomBy(2));
  $('#zoom-out').addEventListener('click', () => zoomBy(0.5));
  $('#zoom-fit').addEventListener('click', fitToIncidents);
  $('#zoom-world').addEventListener('click', fitWorld);
  $('#brief-print').addEventListener('click', () => window.print());
  window.addEventListener('popstate', () => { readUrl(); render(); });
}

// Start: read the URL, load the map outlines and countries, then render.
async function main() {
  readUrl();
  wireEvents();
  buildLegend();
  const world = fetch('/assets/world.json').then((r) => (r.ok ? r.json() : Promise.reject(new Error('world.json missing'))))
    .then(buildMap).catch((e) => say(`Map outlines unavailable: ${e.message}`, true));
  await loadCountries().catch((e) => say(`Countries unavailable: ${e.message}`, true));
  await world;
  if (!app.svg) buildMap({ arcs: [], objects: { countries: { type: 'GeometryCollection', geometries: [] } } });
  await render();
}

main();
