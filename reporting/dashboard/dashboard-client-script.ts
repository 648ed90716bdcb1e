// The dashboard page's client script (served as /assets/dashboard.js): URL state, uPlot chart, live updates; text only via textContent.
// Plain ES5-style JavaScript in a string: this tree compiles without the DOM library, and the browser needs no build step.
export const DASHBOARD_CLIENT_SCRIPT = String.raw`'use strict';
(function () {
  var CFG = JSON.parse(document.getElementById('config').textContent);
  var M = CFG.messages;
  var KEYS = ['from', 'to', 'range', 'minutes', 'label', 'source', 'lang', 'hashtag', 'q'];
  var $ = function (id) { return document.getElementById(id); };
  var num = new Intl.NumberFormat(CFG.locale);
  var pct = new Intl.NumberFormat(CFG.locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var signedPct = new Intl.NumberFormat(CFG.locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  var pts = new Intl.NumberFormat(CFG.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  var dateTime = new Intl.DateTimeFormat(CFG.locale, { timeZone: CFG.timeZone, dateStyle: 'medium', timeStyle: 'short', hour12: false });
  var clock = new Intl.DateTimeFormat(CFG.locale, { timeZone: CFG.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  var axisFmt = {
    minute: new Intl.DateTimeFormat(CFG.locale, { timeZone: CFG.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
    hour: new Intl.DateTimeFormat(CFG.locale, { timeZone: CFG.timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }),
    day: new Intl.DateTimeFormat(CFG.locale, { timeZone: CFG.timeZone, weekday: 'short', day: 'numeric', month: 'short' })
  };
  // Local wall time of the zone as yyyy-MM-ddTHH:mm, what a datetime-local input shows.
  var parts = new Intl.DateTimeFormat('en-CA', { timeZone: CFG.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  function localInput(ms) {
    var p = {}; parts.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    return p.year + '-' + p.month + '-' + p.day + 'T' + (p.hour === '24' ? '00' : p.hour) + ':' + p.minute;
  }
  function text(el, value) { el.textContent = value; return el; }
  function add(parent, tag, value) { var el = document.createElement(tag); if (value !== undefined) el.textContent = value; parent.appendChild(el); return el; }

  var state = readState();
  var summary = null, plot = null, nextCursor = null, events = null, loading = 0;

  function readState() {
    var params = new URLSearchParams(location.search), s = {};
    KEYS.forEach(function (k) { var v = params.get(k); if (v !== null && v !== '') s[k] = v; });
    return s;
  }
  function query(s, extra) {
    var params = new URLSearchParams();
    KEYS.forEach(function (k) { if (s[k] !== undefined) params.set(k, s[k]); });
    if (extra) Object.keys(extra).forEach(function (k) { params.set(k, extra[k]); });
    return params.toString();
  }
  function pageUrl(s) {
    var q = query(s), params = new URLSearchParams(location.search), loc = params.get('locale');
    if (loc) q += (q ? '&' : '') + 'locale=' + encodeURIComponent(loc);
    return location.pathname + (q ? '?' + q : '');
  }
  function navigate(s) {
    state = s;
    history.pushState(null, '', pageUrl(s));
    syncForm(); load(); connectLive();
  }
  window.addEventListener('popstate', function () { state = readState(); syncForm(); load(); connectLive(); });

  function syncForm() {
    ['label', 'lang', 'source', 'hashtag', 'q'].forEach(function (k) { $(k).value = state[k] || ''; });
    var preset = state.from === undefined ? (state.range || (state.minutes ? '' : '15m')) : '';
    document.querySelectorAll('button.preset').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.range === preset)); });
    ['locale-en', 'locale-es'].forEach(function (id) {
      var link = $(id), params = new URLSearchParams(location.search);
      params.set('locale', link.dataset.locale); link.href = location.pathname + '?' + params.toString();
      if (link.dataset.locale === CFG.locale) link.setAttribute('aria-current', 'true');
    });
    var qs = query(state);
    $('exportPosts').href = 'api/export.csv' + (qs ? '?' + qs : '');
    $('exportBuckets').href = 'api/export.csv?' + query(state, { part: 'buckets' });
  }
  function filtersOf(s) {
    var f = {};
    ['label', 'lang', 'source', 'hashtag', 'q'].forEach(function (k) { if (s[k] !== undefined) f[k] = s[k]; });
    return f;
  }
  function formState() {
    var s = filtersOf({});
    ['label', 'lang', 'source', 'hashtag', 'q'].forEach(function (k) { var v = $(k).value.trim(); if (v !== '') s[k] = v; });
    var from = $('from').value, to = $('to').value;
    var sameRange = summary && from === localInput(Date.parse(summary.selection.from)) && to === localInput(Date.parse(summary.selection.to));
    if (from && !sameRange) { s.from = from; if (to) s.to = to; }
    else ['from', 'to', 'range', 'minutes'].forEach(function (k) { if (state[k] !== undefined) s[k] = state[k]; });
    return s;
  }
  $('controls').addEventListener('submit', function (ev) { ev.preventDefault(); navigate(formState()); });
  $('clear').addEventListener('click', function () {
    var s = {}; ['from', 'to', 'range', 'minutes'].forEach(function (k) { if (state[k] !== undefined) s[k] = state[k]; }); navigate(s);
  });
  document.querySelectorAll('button.preset').forEach(function (b) {
    b.addEventListener('click', function () { var s = filtersOf(state); s.range = b.dataset.range; navigate(s); });
  });
  function openBucket(i) {
    var b = summary.buckets[i]; if (!b) return;
    var s = filtersOf(state); s.from = b.start; s.to = b.end; navigate(s);
  }

  function fetchJson(path) {
    return fetch(path).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status)); return body; });
    });
  }
  function showError(e) { $('error').textContent = e ? M.failed + ': ' + e.message : ''; }

  function load() {
    var qs = query(state), ticket = ++loading;
    showError(null);
    return Promise.all([fetchJson('api/summary?' + qs), fetchJson('api/terms?' + qs), fetchJson('api/posts?' + query(state, { limit: 50 }))])
      .then(function (r) { if (ticket !== loading) return; renderSummary(r[0]); renderTerms(r[1]); renderPosts(r[2], false); })
      .catch(showError);
  }
  function refreshSide() {
    var qs = query(state);
    Promise.all([fetchJson('api/terms?' + qs), fetchJson('api/posts?' + query(state, { limit: 50 }))])
      .then(function (r) { renderTerms(r[0]); renderPosts(r[1], false); }).catch(showError);
  }
  function connectLive() {
    if (events) { events.close(); events = null; }
    var live = state.from === undefined;
    $('status').textContent = live ? M.live : M.fixedRange;
    $('status').className = live ? 'live' : '';
    if (!live || !window.EventSource) return;
    events = new EventSource('api/events?' + query(state));
    events.addEventListener('summary', function (ev) {
      var s = JSON.parse(ev.data);
      // Nothing new: only the clock moves, so keyboard focus in the bucket table is kept.
      if (summary && JSON.stringify([s.buckets, s.totals, s.previous]) === JSON.stringify([summary.buckets, summary.totals, summary.previous])) {
        text($('updated'), M.updated + ' ' + clock.format(new Date(s.generatedAt))); return;
      }
      renderSummary(s); refreshSide();
    });
  }

  function changeText(change, fmt, unit) {
    if (change === null) return M.noPrevious;
    return fmt(change) + (unit || '') + ' ' + M.vsPrevious;
  }
  function renderSummary(s) {
    summary = s;
    var t = s.totals;
    text($('posts'), num.format(t.posts));
    text($('postsChange'), changeText(s.change.posts, function (v) { return signedPct.format(v); }));
    $('postsChange').className = 'muted ' + (s.change.posts > 0 ? 'up' : s.change.posts < 0 ? 'down' : '');
    text($('negative'), t.negativeShare === null ? '-' : pct.format(t.negativeShare));
    text($('negativeCount'), M.negativeOfScored.replace('{negative}', num.format(t.byLabel.NEGATIVE)).replace('{scored}', num.format(t.scored)));
    text($('negativeChange'), s.change.negativeShare === null ? '' : changeText(s.change.negativeShare * 100, function (v) { return pts.format(v); }, ' pp'));
    var p = s.previous;
    text($('previous'), dateTime.format(new Date(p.from)) + ' – ' + dateTime.format(new Date(p.to)) + ': ' + num.format(p.totals.posts) + ' · ' +
      (p.totals.negativeShare === null ? '-' : pct.format(p.totals.negativeShare)));
    text($('chartTitle'), M.chartTitle[s.bucket]);
    text($('postsRange'), dateTime.format(new Date(s.selection.from)) + ' – ' + dateTime.format(new Date(s.selection.to)));
    $('from').value = localInput(Date.parse(s.selection.from));
    $('to').value = localInput(Date.parse(s.selection.to));
    text($('updated'), M.updated + ' ' + clock.format(new Date(s.generatedAt)));
    var body = $('buckets'); body.textContent = '';
    s.buckets.forEach(function (b, i) {
      var total = CFG.labels.reduce(function (sum, l) { return sum + b.counts[l]; }, 0);
      var tr = add(body, 'tr');
      add(tr, 'td', axisFmt[s.bucket].format(new Date(b.start)));
      add(tr, 'td', num.format(total)).className = 'num';
      add(tr, 'td', num.format(b.counts.NEGATIVE)).className = 'num';
      var btn = add(add(tr, 'td'), 'button', M.open); btn.type = 'button'; btn.className = 'bucket';
      btn.setAttribute('aria-label', M.open + ': ' + axisFmt[s.bucket].format(new Date(b.start)));
      btn.addEventListener('click', function () { openBucket(i); });
    });
    drawChart(s);
  }

  // Stacked bars: the series are drawn from the tallest cumulative sum to the smallest, NEGATIVE at the bottom.
  var ORDER = ['NEGATIVE', 'MIXED', 'NEUTRAL', 'POSITIVE', 'UNSCORED'];
  function drawChart(s) {
    var el = $('chart'), xs = s.buckets.map(function (b) { return Date.parse(b.start) / 1000; });
    var cumulative = [], running = xs.map(function () { return 0; });
    ORDER.forEach(function (label) {
      running = running.map(function (v, i) { return v + s.buckets[i].counts[label]; });
      cumulative.push(running.slice());
    });
    var data = [xs].concat(cumulative.slice().reverse());
    var labels = ORDER.slice().reverse();
    var width = Math.max(280, el.clientWidth);
    var step = Math.max(1, Math.ceil(xs.length / Math.max(2, Math.floor(width / 90))));
    var span = xs.length > 1 ? xs[1] - xs[0] : 60;
    var opts = {
      width: width, height: 300, legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: { x: { time: false, range: function () { return [xs[0], xs[xs.length - 1] + span]; } }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [
        { splits: function () { return xs.filter(function (_, i) { return i % step === 0; }); },
          values: function (u, splits) { return splits.map(function (v) { return axisFmt[s.bucket].format(new Date(v * 1000)); }); } },
        { values: function (u, splits) { return splits.map(function (v) { return num.format(v); }); }, size: 50,
          incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 200000, 500000, 1000000] }
      ],
      series: [{}].concat(labels.map(function (label) {
        return { label: M.labels[label], stroke: CFG.colors[label], fill: CFG.colors[label], width: 0, points: { show: false },
          paths: uPlot.paths.bars({ size: [0.85, 80], align: 1 }) };
      })),
      hooks: {
        setCursor: [function (u) { tip(u, s, labels); }],
        setSelect: [function (u) {
          if (u.select.width < 4) return;
          var a = u.posToVal(u.select.left, 'x'), b = u.posToVal(u.select.left + u.select.width, 'x');
          var first = -1, last = -1;
          xs.forEach(function (x, i) { if (x + span > a && x < b) { if (first < 0) first = i; last = i; } });
          u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
          if (first < 0) return;
          dragged = true;
          var st = filtersOf(state); st.from = s.buckets[first].start; st.to = s.buckets[last].end; navigate(st);
        }]
      }
    };
    if (plot) plot.destroy();
    plot = new uPlot(opts, data, el);
    var dragged = false;
    plot.over.addEventListener('mousedown', function () { dragged = false; });
    plot.over.addEventListener('click', function () {
      if (dragged) return;
      var i = plot.cursor.idx; if (i !== null && i !== undefined) openBucket(i);
    });
    plot.over.style.cursor = 'pointer';
  }
  function tip(u, s, labels) {
    var box = $('tip'), i = u.cursor.idx;
    if (i === null || i === undefined || u.cursor.left < 0) { box.style.display = 'none'; return; }
    var b = s.buckets[i]; box.textContent = '';
    add(box, 'b', axisFmt[s.bucket].format(new Date(b.start)));
    ORDER.forEach(function (label) { if (b.counts[label] > 0) add(box, 'div', M.labels[label] + ': ' + num.format(b.counts[label])); });
    box.style.display = 'block';
    var left = u.cursor.left + u.over.offsetLeft + 12;
    box.style.left = Math.min(left, u.over.offsetLeft + u.over.clientWidth - box.offsetWidth) + 'px';
    box.style.top = (u.cursor.top + u.over.offsetTop + 12) + 'px';
  }
  window.addEventListener('resize', function () { if (plot && summary) plot.setSize({ width: Math.max(280, $('chart').clientWidth), height: 300 }); });

  function renderTerms(t) {
    var body = $('terms'); body.textContent = '';
    text($('sampled'), t.sampled ? M.sampled : '');
    t.terms.forEach(function (term) {
      var tr = add(body, 'tr'), td = add(tr, 'td'), a = add(td, 'a', term.term);
      var st = filtersOf(state); ['from', 'to', 'range', 'minutes'].forEach(function (k) { if (state[k] !== undefined) st[k] = state[k]; }); st.q = term.term;
      a.href = pageUrl(st);
      a.addEventListener('click', function (ev) { ev.preventDefault(); navigate(st); });
      if (term.rising) { td.appendChild(document.createTextNode(' ')); add(td, 'span', term.previousPosts === 0 ? M.newTerm : M.rising).className = 'badge rising'; }
      add(tr, 'td', num.format(term.posts)).className = 'num';
      add(tr, 'td', term.negativeShare === null ? '-' : pct.format(term.negativeShare)).className = 'num';
      add(tr, 'td', term.change === null ? M.newTerm : signedPct.format(term.change)).className = 'num';
    });
  }
  function renderPosts(page, append) {
    var body = $('list');
    if (!append) body.textContent = '';
    if (!append && page.posts.length === 0) { var tr0 = add(body, 'tr'), td0 = add(tr0, 'td', M.noPosts); td0.colSpan = 5; }
    page.posts.forEach(function (p) {
      var tr = add(body, 'tr');
      add(tr, 'td', dateTime.format(new Date(p.createdAt)));
      var badge = add(add(tr, 'td'), 'span', M.labels[p.label]); badge.className = 'badge'; badge.style.background = CFG.colors[p.label];
      add(tr, 'td', p.source || '');
      add(tr, 'td', p.user || '');
      add(tr, 'td', p.text).setAttribute('lang', p.lang || '');
    });
    nextCursor = page.nextCursor;
    $('more').hidden = nextCursor === null;
  }
  $('more').addEventListener('click', function () {
    if (nextCursor === null) return;
    fetchJson('api/posts?' + query(state, { limit: 50, cursor: nextCursor })).then(function (page) { renderPosts(page, true); }).catch(showError);
  });

  syncForm(); load(); connectLive();
})();
`;
