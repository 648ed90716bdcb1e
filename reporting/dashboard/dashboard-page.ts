// The dashboard's single HTML page: no external assets; its script fetches /api/summary and /chart.svg every few seconds.
import { LABEL_COLORS } from '../render/label-colors';
import { escapeXml } from '../render/svg-text';

export interface PageOptions {
  readonly minutes: number;
  readonly refreshSeconds: number;
  /** CSP nonce that allows the inline script and nothing else. */
  readonly nonce: string;
  /** IANA zone for every time shown (validated by the CLI). */
  readonly timeZone: string;
}

const STYLE = `body{font-family:sans-serif;margin:16px;color:#222;max-width:1100px}h1{font-size:20px;margin:0 0 4px}
.muted{color:#666;font-size:12px}.row{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px}
.big{font-size:28px;font-weight:bold}table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;vertical-align:top}
.label{display:inline-block;padding:1px 6px;border-radius:3px;font-size:11px;color:#000}#error{color:#b00020;font-weight:bold}
#chart svg{width:100%;height:auto}`;

/** Client script: renders with textContent only (post text is untrusted); the SVG comes from our own renderer, which escapes. */
const SCRIPT = `const colors=${JSON.stringify(LABEL_COLORS)};
const $=(id)=>document.getElementById(id);
const clock=new Intl.DateTimeFormat('en-GB',{timeZone:TIME_ZONE,hour:'2-digit',minute:'2-digit',second:'2-digit',hourCycle:'h23'});
const at=(iso)=>clock.format(new Date(iso));
function cell(tr,text){const td=document.createElement('td');td.textContent=text;tr.appendChild(td);return td;}
function badge(td,label){td.textContent='';const s=document.createElement('span');s.className='label';s.style.background=colors[label]||'#eee';s.textContent=label;td.appendChild(s);}
function fill(id,rows,build){const body=$(id);body.textContent='';for(const r of rows){const tr=document.createElement('tr');build(tr,r);body.appendChild(tr);}}
async function refresh(){
  try{
    const [s,svg]=await Promise.all([fetch('api/summary?minutes='+MINUTES).then(check).then(r=>r.json()),fetch('chart.svg?minutes='+MINUTES).then(check).then(r=>r.text())]);
    $('posts').textContent=s.totals.posts;
    $('negative').textContent=s.totals.negativeShare===null?'-':(100*s.totals.negativeShare).toFixed(1)+'%';
    $('negativeCount').textContent=s.totals.byLabel.NEGATIVE+' negative of '+(s.totals.posts-s.totals.byLabel.UNSCORED)+' scored';
    $('chart').innerHTML=svg;
    fill('tags',s.hashtags,(tr,h)=>{cell(tr,'#'+h.tag);cell(tr,String(h.posts));});
    $('tagNote').textContent=s.hashtagSample.complete?'':'(newest '+s.hashtagSample.sampledPosts+' posts)';
    fill('latest',s.latest,(tr,p)=>{cell(tr,at(p.createdAt));badge(cell(tr,''),p.label);cell(tr,p.source||'');cell(tr,p.user||'');cell(tr,p.text);});
    $('updated').textContent='updated '+at(s.generatedAt)+' '+TIME_ZONE;$('error').textContent='';
  }catch(e){$('error').textContent='refresh failed: '+e.message;}
}
function check(r){if(!r.ok)throw new Error('HTTP '+r.status);return r;}
refresh();setInterval(refresh,REFRESH_MS);`;

export function renderDashboardPage(options: PageOptions): string {
  const script = `const MINUTES=${options.minutes};const REFRESH_MS=${options.refreshSeconds * 1000};const TIME_ZONE=${JSON.stringify(options.timeZone).replace(/</g, '\\u003c')};\n${SCRIPT}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post sentiment, last ${options.minutes} min</title>
<style>${STYLE}</style></head><body>
<h1>Post sentiment: last ${options.minutes} minutes</h1><div class="muted"><span id="updated">loading...</span> · refreshes every ${options.refreshSeconds} s · <span id="error"></span></div>
<div class="row"><div class="card"><div class="muted">posts</div><div class="big" id="posts">-</div></div>
<div class="card"><div class="muted">negative share</div><div class="big" id="negative" style="color:${LABEL_COLORS.NEGATIVE}">-</div><div class="muted" id="negativeCount"></div></div></div>
<div id="chart" class="card"></div>
<div class="row"><div class="card"><b>Hashtags</b> <span class="muted" id="tagNote"></span><table><tbody id="tags"></tbody></table></div>
<div class="card" style="flex:1"><b>Latest posts</b><table><thead><tr><th>time (${escapeXml(options.timeZone)})</th><th>label</th><th>source</th><th>user</th><th>text</th></tr></thead><tbody id="latest"></tbody></table></div></div>
<script nonce="${escapeXml(options.nonce)}">${script}</script></body></html>`;
}
