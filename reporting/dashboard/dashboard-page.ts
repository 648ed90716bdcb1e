// The dashboard's HTML page in one locale: controls, cards, chart, terms and posts; the script (/assets/dashboard.js) fills it.
import type { Locale } from '../i18n/locale';
import { POST_LABELS } from '../posts/post-reader';
import { LABEL_COLORS } from '../render/label-colors';
import { escapeXml } from '../render/svg-text';
import { DASHBOARD_MESSAGES } from './dashboard-messages';
import { RANGE_PRESETS } from './view-params';

export interface PageOptions {
  readonly locale: Locale;
  /** IANA zone for every time shown (validated by the CLI). */
  readonly timeZone: string;
  readonly refreshSeconds: number;
  /** Show the sign-out link (DASHBOARD_AUTH=alb: /sign-out ends the load balancer's session). */
  readonly signOut?: boolean;
}

const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0 auto;padding:12px;color:#1a1a1a;max-width:1200px;line-height:1.4}
h1{font-size:1.3rem;margin:0}h2{font-size:1.05rem;margin:0 0 6px}.muted{color:#555;font-size:.85rem}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:baseline;justify-content:space-between}
nav.lang a{margin-left:8px}a{color:#0a58ca}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0b400;outline-offset:1px}
form{border:1px solid #ccc;border-radius:6px;padding:8px 10px;margin:10px 0}fieldset{border:0;padding:0;margin:0 0 6px;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:end}
legend{font-weight:600;font-size:.85rem;padding:0;margin-bottom:4px}label{display:flex;flex-direction:column;font-size:.8rem;color:#333}
input,select,button{font:inherit;font-size:.9rem;padding:4px 6px;min-height:32px}button{cursor:pointer;border:1px solid #888;border-radius:4px;background:#f4f4f4}
button[aria-pressed=true]{background:#1a1a1a;color:#fff;border-color:#1a1a1a}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:10px 0}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;flex:1 1 180px;min-width:0}
.big{font-size:1.8rem;font-weight:700}.up{color:#b3400a}.down{color:#006b4f}
section{border:1px solid #ddd;border-radius:6px;padding:10px 12px;margin:10px 0;min-width:0}
.grid{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:10px}@media (max-width:800px){.grid{grid-template-columns:1fr}}
.grid section{margin:0}.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;font-size:.75rem;color:#000;white-space:nowrap}
.rising{background:#ffe3cc;color:#7a2e00;font-weight:600}#error{color:#b00020;font-weight:700}
#chart{position:relative;min-height:300px}#tip{position:absolute;pointer-events:none;background:#fff;border:1px solid #888;border-radius:4px;padding:4px 6px;font-size:.8rem;display:none;z-index:10;white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.8rem;margin:4px 0}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border:1px solid #0003}
.u-legend{display:none}.live{color:#006b4f;font-weight:700}details summary{cursor:pointer;font-size:.85rem}`;

/** The page; the locale's words and the settings travel as a JSON data block (not executed) for the script. */
export function renderDashboardPage(options: PageOptions): string {
  const m = DASHBOARD_MESSAGES[options.locale];
  const config = {
    locale: options.locale,
    timeZone: options.timeZone,
    refreshMs: options.refreshSeconds * 1000,
    colors: LABEL_COLORS,
    labels: POST_LABELS,
    messages: m,
  };
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const e = escapeXml;
  const presets = Object.keys(RANGE_PRESETS)
    .map(
      (p) =>
        `<button type="button" class="preset" data-range="${p}" aria-pressed="false">${e(m.presets[p as keyof typeof m.presets])}</button>`,
    )
    .join('');
  const labelOptions = POST_LABELS.map((l) => `<option value="${l}">${e(m.labels[l])}</option>`).join('');
  const legend = POST_LABELS.map(
    (l) => `<span><span class="swatch" style="background:${LABEL_COLORS[l]}"></span>${e(m.labels[l])}</span>`,
  ).join('');
  return `<!doctype html><html lang="${options.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(m.title)}</title><link rel="stylesheet" href="assets/uPlot.min.css"><style>${STYLE}</style></head><body>
<header><h1>${e(m.title)}</h1><div class="muted"><span id="status"></span> · <span id="updated"></span> · ${e(m.zone)} ${e(options.timeZone)}
<nav class="lang" aria-label="${e(m.language)}"><a href="#" data-locale="en" lang="en" id="locale-en">English</a><a href="#" data-locale="es" lang="es" id="locale-es">Español</a></nav>${options.signOut === true ? ` · <a href="sign-out" id="sign-out">${e(m.signOut)}</a>` : ''}</div></header>
<div id="error" role="alert"></div>
<form id="controls" method="get" action="">
<fieldset><legend>${e(m.range)}</legend>${presets}
<label>${e(m.from)}<input type="datetime-local" name="from" id="from"></label><label>${e(m.to)}<input type="datetime-local" name="to" id="to"></label></fieldset>
<fieldset><legend>${e(m.filters)}</legend>
<label>${e(m.label)}<select name="label" id="label"><option value="">${e(m.any)}</option>${labelOptions}</select></label>
<label>${e(m.lang)}<select name="lang" id="lang"><option value="">${e(m.any)}</option><option value="es">español (es)</option><option value="en">English (en)</option></select></label>
<label>${e(m.source)}<input name="source" id="source" size="9" list="sources"><datalist id="sources"><option value="x"><option value="instagram"><option value="sample"><option value="file"></datalist></label>
<label>${e(m.hashtag)}<input name="hashtag" id="hashtag" size="14"></label>
<label>${e(m.search)}<input type="search" name="q" id="q" size="16"></label>
<button type="submit" id="apply">${e(m.apply)}</button><button type="button" id="clear">${e(m.clear)}</button></fieldset></form>
<div class="cards"><div class="card"><div class="muted">${e(m.posts)}</div><div class="big" id="posts">-</div><div class="muted" id="postsChange"></div></div>
<div class="card"><div class="muted">${e(m.negativeShare)}</div><div class="big" id="negative" style="color:#b3400a">-</div><div class="muted" id="negativeCount"></div><div class="muted" id="negativeChange"></div></div>
<div class="card"><div class="muted">${e(m.previousPeriod)}</div><div id="previous" class="muted"></div></div></div>
<section aria-labelledby="chartTitle"><h2 id="chartTitle"></h2><div class="muted">${e(m.chartHelp)}</div><div class="legend">${legend}</div>
<div id="chart"><div id="tip"></div></div>
<details><summary>${e(m.bucketsTable)}</summary><div class="scroll"><table><thead><tr><th>${e(m.bucket)}</th><th class="num">${e(m.posts)}</th><th class="num">${e(m.labels.NEGATIVE)}</th><th></th></tr></thead><tbody id="buckets"></tbody></table></div></details>
<p><a id="exportPosts" href="api/export.csv">${e(m.exportPosts)}</a> · <a id="exportBuckets" href="api/export.csv?part=buckets">${e(m.exportBuckets)}</a></p></section>
<div class="grid"><section aria-labelledby="termsTitle"><h2 id="termsTitle">${e(m.terms)}</h2><div class="muted">${e(m.termsHelp)} <span id="sampled"></span></div>
<div class="scroll"><table><thead><tr><th>${e(m.term)}</th><th class="num">${e(m.posts)}</th><th class="num">${e(m.negativeShare)}</th><th class="num">${e(m.change)}</th></tr></thead><tbody id="terms"></tbody></table></div></section>
<section aria-labelledby="postsTitle"><h2 id="postsTitle">${e(m.postsList)}</h2><div class="muted" id="postsRange"></div><div class="scroll"><table><thead><tr><th>${e(m.time)}</th><th>${e(m.label)}</th><th>${e(m.source)}</th><th>${e(m.user)}</th><th>${e(m.text)}</th></tr></thead>
<tbody id="list"></tbody></table></div><button type="button" id="more" hidden>${e(m.loadMore)}</button></section></div>
<script type="application/json" id="config">${json}</script>
<script src="assets/uPlot.iife.min.js"></script><script src="assets/dashboard.js"></script></body></html>`;
}
