/**
 * The shape of a catalogue entry: the same message in Chinese (the default, what clerks read)
 * and English (for the IT colleague). A message without parameters is a pair of strings; one
 * with parameters is a pair of functions of the same typed parameter object.
 *
 * This module and its siblings import nothing but node, so any layer may import them.
 */
export type Lang = 'zh-CN' | 'en';

export interface Entry<P = void> {
  zh: P extends void ? string : (p: P) => string;
  en: P extends void ? string : (p: P) => string;
}

/** `m('文本', 'text')` or `m<{ n: number }>((p) => `${p.n} 个`, (p) => `${p.n} items`)`. */
export function m(zh: string, en: string): Entry<void>;
export function m<P>(zh: (p: P) => string, en: (p: P) => string): Entry<P>;
export function m(zh: unknown, en: unknown): unknown {
  return { zh, en };
}
