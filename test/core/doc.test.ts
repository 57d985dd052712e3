import { describe, expect, it } from 'vitest';
import { inlineText } from '../../pipeline/render/doc/ast.js';
import { escapeDeep, escapeInline, unescapeInline } from '../../pipeline/render/doc/escape.js';
import { DocSyntaxError, parseDoc } from '../../pipeline/render/doc/parse.js';

describe('intermediate form', () => {
  it('parses headings, paragraphs, lists, tables and directives', () => {
    const doc = parseDoc(
      [
        '# 标题',
        '',
        '第一行',
        '第二行',
        '',
        '## 一、板块',
        '- 甲',
        '- 乙',
        '',
        '| 序号 | 任务 |',
        '| :---: | --- |',
        '| 1 | 土地收储 |',
        '',
        '::pagebreak',
        '::: note 编者按',
        '按语正文',
        ':::',
        '::: chart bar {title="图"}',
        'unit: 亿元',
        ':::',
      ].join('\n'),
    );
    const types = doc.children.map((b) => (b.type === 'directive' ? `${b.type}:${b.name}` : b.type));
    expect(types).toEqual(['heading', 'paragraph', 'heading', 'list', 'table', 'directive:pagebreak', 'directive:note', 'directive:chart']);
    const p = doc.children[1]!;
    expect(p.type === 'paragraph' && inlineText(p.children)).toBe('第一行第二行');
    const t = doc.children[4]!;
    expect(t.type === 'table' && t.align).toEqual(['center', null]);
    const chart = doc.children[7]!;
    expect(chart.type === 'directive' && chart.raw).toBe('unit: 亿元');
    expect(chart.type === 'directive' && chart.attrs).toEqual({ title: '图' });
    const note = doc.children[6]!;
    expect(note.type === 'directive' && note.args).toBe('编者按');
    expect(note.type === 'directive' && note.children?.[0]?.type).toBe('paragraph');
  });

  it('prints an escaped data value literally in a paragraph, a heading and a table cell', () => {
    const value = '*重点* | 项目 <b> # 1. \\';
    const e = escapeInline(value);
    const doc = parseDoc(`## ${e}\n\n${e}\n\n| a | b |\n| --- | --- |\n| ${e} | x |\n`);
    const [h, p, t] = doc.children;
    expect(h?.type === 'heading' && inlineText(h.children)).toBe(value);
    expect(p?.type === 'paragraph' && inlineText(p.children)).toBe(value);
    expect(t?.type === 'table' && t.rows[0]!.length).toBe(2);
    expect(t?.type === 'table' && inlineText(t.rows[0]![0]!)).toBe(value);
  });

  it('keeps values that look like block markers as text', () => {
    for (const value of ['- 不是列表', '1. 不是编号', ':: 不是指令', '::: 也不是']) {
      const doc = parseDoc(escapeInline(value));
      expect(doc.children).toHaveLength(1);
      const p = doc.children[0]!;
      expect(p.type).toBe('paragraph');
      expect(p.type === 'paragraph' && inlineText(p.children)).toBe(value);
    }
  });

  it('turns a line break inside a value into a hard break, never a new row', () => {
    const e = escapeInline('第一行\n第二行');
    const doc = parseDoc(`| a |\n| --- |\n| ${e} |`);
    const t = doc.children[0]!;
    expect(t.type === 'table' && t.rows).toHaveLength(1);
    expect(t.type === 'table' && t.rows[0]![0]!.map((n) => n.type)).toEqual(['text', 'break', 'text']);
    expect(unescapeInline(e)).toBe('第一行\n第二行');
  });

  it('escapes every string of a value deeply and leaves numbers alone', () => {
    expect(escapeDeep({ a: ['*'], n: 3, b: { c: '|' } })).toEqual({ a: ['\\*'], n: 3, b: { c: '\\|' } });
  });

  it('reports an unclosed container with its line', () => {
    expect(() => parseDoc('text\n::: note\nbody')).toThrow(DocSyntaxError);
    try {
      parseDoc('text\n\n::: note\nbody');
    } catch (e) {
      expect((e as DocSyntaxError).line).toBe(3);
    }
  });
});
