/**
 * The message catalogue: every word a user sees comes from here. zh-CN by default; English
 * with `--lang en`, JIANBAO_LANG=en, or an English locale (LC_ALL / LC_MESSAGES / LANG = en_*).
 *
 *   import { msg } from '../messages/index.js';
 *   msg('value.expectedNumber')                      // 期望一个数字
 *   msg('cli.summary.check', { valid: 3, total: 4 }) // typed parameters
 *
 * Add a message: put an `m(zh, en)` entry in the area file it belongs to (core.ts, cli.ts, …),
 * or a new area file spread into CATALOGUE below. Keys are `area.what`. Bottom layer: imports
 * nothing but its own files, so model/, load/, render/, ingest/ and distribute/ may all use it.
 */
import { CORE } from './core.js';
import { CLI } from './cli.js';
import { MODEL } from './model.js';
import { RENDER } from './render.js';
import { DISTRIBUTE } from './distribute.js';
import { FONTS } from './fonts.js';
import { PROGRESS } from './progress.js';
import { DOC } from './doc.js';
import { INGEST } from './ingest.js';
import { OUTPUT } from './output.js';
import { SITE } from './site.js';
import type { Entry, Lang } from './define.js';

export type { Lang } from './define.js';
export { m } from './define.js';

const CATALOGUE = { ...CORE, ...MODEL, ...RENDER, ...DISTRIBUTE, ...CLI, ...FONTS, ...PROGRESS, ...DOC, ...INGEST, ...OUTPUT, ...SITE };

type Catalogue = typeof CATALOGUE;
export type MessageKey = keyof Catalogue;
/** The parameters a key takes: `[]` or `[{ … }]`. */
export type MessageArgs<K extends MessageKey> = Catalogue[K] extends Entry<infer P> ? ([P] extends [void] ? [] : [P]) : never;

let current: Lang | undefined;

/** The language from the environment: JIANBAO_LANG, then the POSIX locale; Chinese unless English is asked for. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const explicit = env.JIANBAO_LANG;
  if (explicit) return parseLang(explicit) ?? 'zh-CN';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh-CN';
}

/** `zh`, `zh-CN`, `zh_CN.UTF-8` → zh-CN; `en`, `en-US` … → en; anything else → undefined. */
export function parseLang(s: string): Lang | undefined {
  if (/^zh([_.-]|$)/i.test(s)) return 'zh-CN';
  if (/^en([_.-]|$)/i.test(s)) return 'en';
  return undefined;
}

export function lang(): Lang {
  return (current ??= langFromEnv());
}

/** Switch the language of this process and of worker threads started after this call. */
export function setLang(l: Lang): void {
  current = l;
  process.env.JIANBAO_LANG = l;
}

/** The message `key` in the current language. */
export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return msgIn(lang(), key, ...args);
}

/** The message `key` in a given language (tests, and text that must be one language). */
export function msgIn<K extends MessageKey>(l: Lang, key: K, ...args: MessageArgs<K>): string {
  const entry = CATALOGUE[key] as Entry<unknown>;
  const text = (l === 'en' ? entry.en : entry.zh) as string | ((p: unknown) => string);
  return typeof text === 'function' ? text(args[0]) : text;
}

/** Every key (the coverage tests walk them). */
export function messageKeys(): MessageKey[] {
  return Object.keys(CATALOGUE) as MessageKey[];
}

/** Join a list the way the language does: 甲、乙或丙 / a, b or c. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1);
  const last = items[items.length - 1];
  return lang() === 'en' ? `${head.join(', ')} or ${last}` : `${head.join('、')}或${last}`;
}

/** 甲、乙和丙 / a, b and c. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1);
  const last = items[items.length - 1];
  return lang() === 'en' ? `${head.join(', ')} and ${last}` : `${head.join('、')}和${last}`;
}

/** A plain enumeration: 甲、乙、丙 / a, b, c. */
export function joinList(items: readonly string[]): string {
  return items.join(lang() === 'en' ? ', ' : '、');
}
