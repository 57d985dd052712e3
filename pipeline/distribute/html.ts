/**
 * output/index.html: one static page, districts → meetings → their files. Pure: the
 * page model in, HTML text out. No script, no external resource; every href is relative
 * to output/ so the page works opened from the file system (or any static server).
 */
import { STATUS_INK_RGB, STATUS_LABEL, STATUS_REPORT_ORDER, STATUS_RGB, type StatusCounts } from '../core/status.js';

export interface LinkItem {
  /** Path relative to output/ with "/" separators (not yet URL-encoded). */
  path: string;
  text: string;
  bytes?: number;
  note?: string;
}

export interface MeetingItem {
  key: string;
  title: string;
  dateCn?: string;
  kindLabel?: string;
  /** 管城区委简报 第36期 */
  briefingLabel?: string;
  internal?: boolean;
  /** Problem that kept the meeting from loading (shown instead of its details). */
  problem?: string;
  built: boolean;
  thumb?: { path: string; width: number; height: number };
  briefing?: LinkItem;
  ledger?: LinkItem;
  unitLedgers: LinkItem[];
  slides: LinkItem[];
  /** Files of other formats the build wrote (named by format). */
  others: LinkItem[];
  distribution?: {
    manifest: LinkItem;
    printed?: number;
    archive?: LinkItem & { count: number };
    copies: (LinkItem & { serial: string })[];
    bundles: LinkItem[];
  };
  progress?: { periodLabel: string; targets: StatusCounts; tasks: StatusCounts; targetsTotal: number; tasksTotal: number };
}

export interface DistrictItem {
  id: string;
  name: string;
  meetings: MeetingItem[];
}

export interface IndexModel {
  districts: DistrictItem[];
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** A relative href: each path segment percent-encoded (Chinese file names, spaces, #). */
export function href(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

function link(l: LinkItem, cls = ''): string {
  const size = l.bytes !== undefined ? ` <span class="size">${formatBytes(l.bytes)}</span>` : '';
  const note = l.note ? ` <span class="note">${esc(l.note)}</span>` : '';
  return `<a${cls ? ` class="${cls}"` : ''} href="${esc(href(l.path))}">${esc(l.text)}</a>${note}${size}`;
}

function chips(c: StatusCounts): string {
  return STATUS_REPORT_ORDER.filter((k) => c[k] > 0)
    .map((k) => `<span class="chip ${k}">${STATUS_LABEL[k]} ${c[k]}</span>`)
    .join('');
}

/** Chip colours: the status colours of pipeline/status.ts (the same as the ledger and the 督查通报). */
const CHIP_CSS = STATUS_REPORT_ORDER.map((k) => `.chip.${k}{color:#${STATUS_INK_RGB[k]};background:#${STATUS_RGB[k]};border-color:#${STATUS_RGB[k]}}`).join('\n');

function listDetails(summary: string, items: LinkItem[]): string {
  if (!items.length) return '';
  return `<details><summary>${esc(summary)}</summary><ul class="files">${items.map((i) => `<li>${link(i)}</li>`).join('')}</ul></details>`;
}

function meetingHtml(m: MeetingItem): string {
  const id = `m-${m.key.replace('/', '--')}`;
  const meta = [m.dateCn, m.kindLabel, m.briefingLabel].filter(Boolean).map((s) => esc(s!)).join('<span class="dot">·</span>');
  const badge = m.internal ? '<span class="badge">内部</span>' : '';
  let thumb: string;
  if (m.thumb && m.briefing) {
    thumb = `<a class="thumb" href="${esc(href(m.briefing.path))}" title="打开简报 PDF"><img src="${esc(href(m.thumb.path))}" width="${m.thumb.width}" height="${m.thumb.height}" alt="${esc(`${m.briefingLabel ?? '简报'}第1页`)}"></a>`;
  } else {
    thumb = `<div class="thumb empty"><span>${m.built ? '简报' : '尚未生成'}</span></div>`;
  }
  const rows: string[] = [];
  if (m.problem) rows.push(`<p class="problem">数据有误，未能读取：${esc(m.problem)}</p>`);
  if (!m.built && !m.problem) rows.push('<p class="muted">尚未生成。运行 <code>make</code> 后刷新本页。</p>');
  const out: string[] = [];
  if (m.briefing) out.push(`<tr><th>简报</th><td>${link(m.briefing)}</td></tr>`);
  if (m.ledger || m.unitLedgers.length) {
    const parts = [m.ledger ? link(m.ledger) : '', listDetails(`各单位台账 ${m.unitLedgers.length} 份`, m.unitLedgers)].filter(Boolean);
    out.push(`<tr><th>台账</th><td>${parts.join('')}</td></tr>`);
  }
  if (m.slides.length) out.push(`<tr><th>汇报提纲</th><td>${m.slides.map((s) => link(s)).join('<span class="sep"></span>')}</td></tr>`);
  if (m.others.length) out.push(`<tr><th>其他材料</th><td>${m.others.map((s) => link(s)).join('<span class="sep"></span>')}</td></tr>`);
  const d = m.distribution;
  if (d) {
    const first = d.copies[0]?.serial;
    const last = d.copies.at(-1)?.serial;
    const range = first && last ? `（份号 ${first}${first === last ? '' : `—${last}`}）` : '';
    const summary = `${d.printed !== undefined ? `共印 ${d.printed} 份：` : ''}分送 ${d.copies.length} 份${range}${d.archive ? `，存档 ${d.archive.count} 份` : ''}`;
    const archive = d.archive ? `<div>${link(d.archive)}</div>` : '';
    out.push(
      `<tr><th>分发</th><td><div>${esc(summary)}<span class="sep"></span>${link(d.manifest)}</div>${archive}` +
        `${listDetails(`分发包 ${d.bundles.length} 个（编号简报、台账、填报说明）`, d.bundles)}${listDetails(`编号简报 ${d.copies.length} 份`, d.copies)}</td></tr>`,
    );
  } else if (m.built) {
    out.push('<tr><th>分发</th><td><span class="muted">尚未分发（运行 <code>jianbao distribute ' + esc(m.key) + '</code>）</span></td></tr>');
  }
  if (m.progress) {
    const p = m.progress;
    const t = p.targetsTotal ? `<div><span class="what">指标 ${p.targetsTotal} 项</span>${chips(p.targets)}</div>` : '';
    const k = p.tasksTotal ? `<div><span class="what">任务 ${p.tasksTotal} 项</span>${chips(p.tasks)}</div>` : '';
    out.push(`<tr><th>台账进度</th><td><div class="period">${esc(p.periodLabel)}</div>${t}${k}</td></tr>`);
  } else if (m.ledger) {
    out.push('<tr><th>台账进度</th><td><span class="muted">尚未回收填报</span></td></tr>');
  }
  if (out.length) rows.push(`<table class="outputs">${out.join('')}</table>`);
  return `<article class="meeting" id="${esc(id)}">${thumb}<div class="body"><h3>${esc(m.title)}${badge}</h3><p class="meta">${meta}</p>${rows.join('')}</div></article>`;
}

const CSS = `
:root{--red:#C8102E;--ink:#1f1f1f;--muted:#6b6b6b;--line:#e3dede;--paper:#fbf9f7}
*{box-sizing:border-box}
html{background:var(--paper)}
body{margin:0;color:var(--ink);font:15px/1.6 "Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
header.masthead{background:#fff;border-bottom:4px solid var(--red);padding:28px 0 18px;text-align:center}
header.masthead h1{margin:0;color:var(--red);font:700 34px/1.2 "Noto Serif SC","Source Han Serif SC","SimSun",serif;letter-spacing:.3em;padding-left:.3em}
header.masthead p{margin:8px 0 0;color:var(--muted);font-size:14px}
nav.toc{margin:18px auto 0;font-size:14px}
nav.toc a{display:inline-block;margin:0 14px 6px 0;color:var(--red);text-decoration:none;border-bottom:1px solid transparent}
nav.toc a:hover{border-bottom-color:var(--red)}
section.district{margin:28px 0 8px}
section.district>h2{margin:0 0 14px;padding-left:12px;border-left:5px solid var(--red);font:700 22px/1.3 "Noto Serif SC","Source Han Serif SC","SimSun",serif}
section.district>h2 small{font:400 13px/1 sans-serif;color:var(--muted);margin-left:10px}
article.meeting{display:flex;gap:22px;background:#fff;border:1px solid var(--line);border-radius:4px;padding:18px;margin:0 0 16px}
.thumb{flex:0 0 auto;display:block;width:auto;align-self:flex-start;border:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.08);background:#fff}
.thumb img{display:block;width:170px;height:auto}
.thumb.empty{width:172px;height:242px;display:flex;align-items:center;justify-content:center;color:var(--muted);background:repeating-linear-gradient(135deg,#faf7f5,#faf7f5 8px,#f3eeeb 8px,#f3eeeb 16px)}
.body{flex:1 1 auto;min-width:0}
.body h3{margin:0 0 4px;font:700 19px/1.4 "Noto Serif SC","Source Han Serif SC","SimSun",serif}
.badge{display:inline-block;margin-left:10px;padding:0 6px;border:1px solid var(--red);color:var(--red);font:400 12px/18px sans-serif;vertical-align:3px}
.meta{margin:0 0 10px;color:var(--muted);font-size:14px}
.dot{margin:0 6px}
table.outputs{border-collapse:collapse;width:100%;font-size:14px}
table.outputs th{width:6.5em;text-align:left;vertical-align:top;font-weight:600;color:#444;padding:6px 10px 6px 0;border-top:1px solid #f0ebe9;white-space:nowrap}
table.outputs td{padding:6px 0;border-top:1px solid #f0ebe9}
a{color:#8f0c21}
a:hover{color:var(--red)}
.size{color:var(--muted);font-size:12px;margin-left:6px}
.note{color:var(--muted);font-size:13px;margin-left:4px}
.sep{display:inline-block;width:18px}
details{margin-top:4px}
summary{cursor:pointer;color:#444}
ul.files{margin:6px 0 2px;padding:0 0 0 18px;columns:2;column-gap:24px}
ul.files li{break-inside:avoid;margin:0 0 2px}
.chip{display:inline-block;margin:2px 6px 2px 0;padding:0 8px;border-radius:10px;font-size:12px;line-height:20px;border:1px solid}
${CHIP_CSS}
.what{display:inline-block;min-width:6em;color:#444}
.period{color:var(--muted);font-size:13px}
.muted{color:var(--muted)}
.problem{color:#a00d25}
code{font:13px/1 ui-monospace,Consolas,monospace;background:#f4f0ee;padding:1px 4px;border-radius:3px}
footer{margin:30px 0 40px;color:var(--muted);font-size:13px;text-align:center}
@media (max-width:640px){article.meeting{flex-direction:column}.thumb,.thumb img{width:140px}ul.files{columns:1}}
@media print{html{background:#fff}details{display:none}article.meeting{break-inside:avoid}}
`.trim();

export function renderIndexHtml(model: IndexModel): string {
  const meetings = model.districts.reduce((n, d) => n + d.meetings.length, 0);
  const toc = model.districts.map((d) => `<a href="#d-${esc(d.id)}">${esc(d.name)}</a>`).join('');
  const sections = model.districts
    .map(
      (d) =>
        `<section class="district" id="d-${esc(d.id)}"><h2>${esc(d.name)}<small>${d.meetings.length} 个会议</small></h2>\n${d.meetings.map(meetingHtml).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jianbao">
<title>会议材料目录</title>
<link rel="icon" href="data:,">
<style>
${CSS}
</style>
</head>
<body>
<header class="masthead"><div class="wrap"><h1>会议材料目录</h1><p>简报 · 目标任务台账 · 汇报提纲 · 分发材料　　${model.districts.length} 个区县，${meetings} 个会议</p></div></header>
<div class="wrap">
<nav class="toc">${toc}</nav>
<main>
${sections}
</main>
<footer>本页由 jianbao 根据 data/ 与 output/ 生成；文件链接均为相对路径，可直接在本机打开。</footer>
</div>
</body>
</html>
`;
}
