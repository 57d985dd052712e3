/**
 * output/index.html: one static page, districts → meetings → their files, from the Handlebars
 * template templates/default/index.html.hbs and its partials (partials/index/*). Pure: the
 * page model and a template set in, HTML text out. No script, no external resource; every href
 * is relative to output/ so the page works opened from the file system (or any static server).
 *
 * Templates never compute (docs/TEMPLATES.md): this module turns the page model into the
 * template's context — every word from the message catalogue (zh-CN, or English with
 * --lang en), sizes formatted, hrefs percent-encoded, and every value HTML-escaped once
 * (the template environment does not escape: it also makes Markdown).
 *
 * Overrides: the page (index.html.hbs, partials/index/style.hbs …) comes from templates/default;
 * each district's section is rendered with that district's templates, so
 * templates/<district>/partials/index/meeting.hbs changes how its meetings are shown.
 */
import { STATUS_INK_RGB, STATUS_REPORT_ORDER, STATUS_RGB, type Status, type StatusCounts } from '../core/status.js';
import type { Problem } from '../errors.js';
import { lang, msg } from '../messages/index.js';
import type { TemplateSet } from '../render/template.js';

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
  /** Why the meeting's files cannot be shown or may be old (shown above its details). */
  problem?: { kind: 'invalid' | 'failed' | 'noSummary'; text?: string };
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
  /** What the build's checks found (preflight, progress files). */
  warnings: Problem[];
}

export interface DistrictItem {
  id: string;
  name: string;
  meetings: MeetingItem[];
}

export interface IndexModel {
  districts: DistrictItem[];
}

/** The template that makes the page (templates/<layer>/index.html.hbs). */
export const INDEX_TEMPLATE = 'index.html';
/** Rendering the page itself (not a district's section) uses the defaults only. */
const PAGE_LAYER = 'default';

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

// ---- the template's context (every string already HTML-escaped)

interface LinkCtx {
  href: string;
  text: string;
  note?: string;
  size?: string;
}
/** A text with an optional command shown as code in its middle. */
interface TextCtx {
  before: string;
  code?: string;
  after?: string;
}
/** One block of an output row's cell; the template shows whichever fields it has. */
interface BlockCtx {
  links?: LinkCtx[];
  list?: { summary: string; items: (LinkCtx | { text: string })[] };
  text?: TextCtx;
  muted?: TextCtx;
  period?: string;
  chips?: { what: string; chips: { status: Status; text: string }[] };
}
interface MeetingCtx {
  anchor: string;
  title: string;
  badge?: string;
  meta: string[];
  thumb?: { href: string; src: string; width: number; height: number; alt: string; title: string };
  emptyThumb?: string;
  notes: { cls: 'problem' | 'muted'; text: TextCtx }[];
  rows: { label: string; blocks: BlockCtx[] }[];
}
interface DistrictCtx {
  anchor: string;
  name: string;
  count: string;
  meetings: MeetingCtx[];
}

function link(l: LinkItem): LinkCtx {
  return { href: esc(href(l.path)), text: esc(l.text), note: l.note ? esc(l.note) : undefined, size: l.bytes !== undefined ? formatBytes(l.bytes) : undefined };
}

/** A message around a command: the command is shown as code. */
function withCode(text: string, code: string): TextCtx {
  const at = text.indexOf(code);
  if (at < 0) return { before: esc(text) };
  return { before: esc(text.slice(0, at)), code: esc(code), after: esc(text.slice(at + code.length)) };
}

function plain(text: string): TextCtx {
  return { before: esc(text) };
}

function chips(what: string, c: StatusCounts): BlockCtx {
  return {
    chips: {
      what: esc(what),
      chips: STATUS_REPORT_ORDER.filter((k) => c[k] > 0).map((k) => ({ status: k, text: esc(`${msg(`index.status.${k}`)} ${c[k]}`) })),
    },
  };
}

function problemText(p: Problem): string {
  const where = p.location.kind === 'file' ? p.location.file : `${p.location.file} › ${p.location.sheet}`;
  return `${where}  ${p.message}${p.found !== undefined ? `（${p.found}）` : ''}`;
}

function distributionRow(m: MeetingItem): BlockCtx[] | undefined {
  const d = m.distribution;
  if (!d) return m.built ? [{ muted: withCode(msg('index.notDistributed', { cmd: `jianbao distribute ${m.key}` }), `jianbao distribute ${m.key}`) }] : undefined;
  const first = d.copies[0]?.serial;
  const last = d.copies.at(-1)?.serial;
  const range = first && last ? `${first}${first === last ? '' : `—${last}`}` : '';
  const summary =
    (d.printed !== undefined ? msg('index.printed', { n: d.printed }) : '') +
    msg('index.distributed', { n: d.copies.length, range }) +
    (d.archive ? msg('index.archived', { n: d.archive.count }) : '');
  const blocks: BlockCtx[] = [{ text: plain(summary), links: [link(d.manifest)] }];
  if (d.archive) blocks.push({ links: [link(d.archive)] });
  if (d.bundles.length) blocks.push({ list: { summary: esc(msg('index.bundles', { n: d.bundles.length })), items: d.bundles.map(link) } });
  if (d.copies.length) blocks.push({ list: { summary: esc(msg('index.copies', { n: d.copies.length })), items: d.copies.map(link) } });
  return blocks;
}

function progressRow(m: MeetingItem): BlockCtx[] | undefined {
  const p = m.progress;
  if (!p) return m.ledger ? [{ muted: plain(msg('index.noReturns')) }] : undefined;
  const blocks: BlockCtx[] = [{ period: esc(p.periodLabel) }];
  if (p.targetsTotal) blocks.push(chips(msg('index.targets', { n: p.targetsTotal }), p.targets));
  if (p.tasksTotal) blocks.push(chips(msg('index.tasks', { n: p.tasksTotal }), p.tasks));
  return blocks;
}

function meetingContext(m: MeetingItem): MeetingCtx {
  const notes: MeetingCtx['notes'] = [];
  const pr = m.problem;
  if (pr?.kind === 'invalid') notes.push({ cls: 'problem', text: plain(msg('index.invalid', { problem: pr.text ?? '' })) });
  if (pr?.kind === 'failed') notes.push({ cls: 'problem', text: plain(msg('index.failed', { problem: pr.text ?? '' })) });
  if (pr?.kind === 'noSummary') notes.push({ cls: 'problem', text: withCode(msg('index.noSummary', { cmd: 'make' }), 'make') });
  if (!m.built && !pr) notes.push({ cls: 'muted', text: withCode(msg('index.notBuilt', { cmd: 'make' }), 'make') });

  const rows: MeetingCtx['rows'] = [];
  const row = (label: string, blocks: BlockCtx[] | undefined) => {
    if (blocks?.length) rows.push({ label: esc(label), blocks });
  };
  row(msg('index.row.briefing'), m.briefing ? [{ links: [link(m.briefing)] }] : undefined);
  if (m.ledger || m.unitLedgers.length) {
    const blocks: BlockCtx[] = [];
    if (m.ledger) blocks.push({ links: [link(m.ledger)] });
    if (m.unitLedgers.length) blocks.push({ list: { summary: esc(msg('index.unitLedgers', { n: m.unitLedgers.length })), items: m.unitLedgers.map(link) } });
    row(msg('index.row.ledger'), blocks);
  }
  row(msg('index.row.slides'), m.slides.length ? [{ links: m.slides.map(link) }] : undefined);
  row(msg('index.row.others'), m.others.length ? [{ links: m.others.map(link) }] : undefined);
  row(msg('index.row.distribution'), distributionRow(m));
  row(msg('index.row.progress'), progressRow(m));
  if (m.warnings.length) {
    row(msg('index.row.warnings'), [{ list: { summary: esc(msg('index.warnings', { n: m.warnings.length })), items: m.warnings.map((w) => ({ text: esc(problemText(w)) })) } }]);
  }

  const label = m.briefingLabel ?? msg('index.briefing');
  return {
    anchor: esc(`m-${m.key.replace('/', '--')}`),
    title: esc(m.title),
    badge: m.internal ? esc(msg('index.internal')) : undefined,
    meta: [m.dateCn, m.kindLabel, m.briefingLabel].filter((s): s is string => !!s).map(esc),
    thumb:
      m.thumb && m.briefing
        ? { href: esc(href(m.briefing.path)), src: esc(href(m.thumb.path)), width: m.thumb.width, height: m.thumb.height, alt: esc(msg('index.thumbAlt', { label })), title: esc(msg('index.openBriefing')) }
        : undefined,
    emptyThumb: m.thumb && m.briefing ? undefined : esc(m.built ? msg('index.briefing') : msg('index.notBuiltShort')),
    notes,
    rows,
  };
}

function districtContext(d: DistrictItem): DistrictCtx {
  return { anchor: esc(`d-${d.id}`), name: esc(d.name), count: esc(msg('index.meetings', { n: d.meetings.length })), meetings: d.meetings.map(meetingContext) };
}

export function renderIndexHtml(model: IndexModel, templates: TemplateSet): string {
  const meetings = model.districts.reduce((n, d) => n + d.meetings.length, 0);
  // each district's section with its own templates, then the page with the defaults
  const sections = model.districts.map((d) => ({
    anchor: esc(`d-${d.id}`),
    name: esc(d.name),
    html: templates.render(INDEX_TEMPLATE, d.id, { section: districtContext(d) }),
  }));
  return templates.render(INDEX_TEMPLATE, PAGE_LAYER, {
    section: undefined,
    lang: lang(),
    title: esc(msg('index.title')),
    subtitle: esc(msg('index.subtitle')),
    counts: esc(msg('index.counts', { districts: model.districts.length, meetings })),
    footer: esc(msg('index.footer')),
    statuses: STATUS_REPORT_ORDER.map((k) => ({ status: k, background: STATUS_RGB[k], ink: STATUS_INK_RGB[k] })),
    districts: sections,
  });
}
