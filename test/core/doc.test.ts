import { describe, expect, it } from 'vitest';
import { inlineText } from '../../pipeline/render/doc/ast.js';
import { escapeDeep, escapeInline, unescapeInline } from '../../pipeline/render/doc/escape.js';
import { DocSyntaxError, parseDoc } from '../../pipeline/render/doc/parse.js';
import { templateDoc } from '../../pipeline/render/doc/index.js';
import { loadTemplates } from '../../pipeline/render/template.js';
import { JianbaoError } from '../../pipeline/errors.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
        'categories: [甲, 2021]',
        'series:',
        '  - name: 投资',
        '    data: [1, 2.5]',
        ':::',
      ].join('\n'),
    );
    const types = doc.children.map((b) => (b.type === 'directive' ? `${b.type}:${b.name}` : b.type));
    expect(types).toEqual(['heading', 'paragraph', 'heading', 'list', 'table', 'directive:pagebreak', 'directive:note', 'chart']);
    const p = doc.children[1]!;
    expect(p.type === 'paragraph' && inlineText(p.children)).toBe('第一行第二行');
    const t = doc.children[4]!;
    expect(t.type === 'table' && t.align).toEqual(['center', null]);
    const chart = doc.children[7]!;
    // the body checked once against the one chart schema: typed, defaults filled, the type from the args
    expect(chart.type === 'chart' && chart.spec).toEqual({ type: 'bar', title: '', unit: '亿元', categories: ['甲', '2021'], series: [{ name: '投资', data: [1, 2.5] }] });
    expect(chart.type === 'chart' && chart.attrs).toEqual({ title: '图' });
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

  it('checks a chart body once, with every problem located by line and field, in Chinese', () => {
    const text = ['# 标题', '', '::: chart bar', 'title: 投资', 'categories: [甲, 乙]', 'series:', '  - name: 投资', '    data: [1, 多]', '    color: red', 'colour: "#FFFFFF"', ':::'].join('\n');
    let err: unknown;
    try {
      parseDoc(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DocSyntaxError);
    const problems = (err as DocSyntaxError).problems;
    expect(problems.map((p) => [p.line, p.field, p.message, p.found])).toEqual([
      [8, '生成文本第 8 行 ::: chart › series[0].data[1]', '期望一个数字', '"多"'],
      [9, '生成文本第 9 行 ::: chart › series[0].color', '期望颜色写作 #RRGGBB，例如 "#C8102E"', '"red"'],
      [10, '生成文本第 10 行 ::: chart › colour', '未知字段；期望以下之一：type、title、unit、categories、series、horizontal、stacked、labels', undefined],
    ]);
    // one number per category, and a YAML body that does not parse
    const count = () => parseDoc(['::: chart', 'type: line', 'categories: [甲, 乙, 丙]', 'series:', '  - { name: 值, data: [1, 2] }', ':::'].join('\n'));
    expect(count).toThrow(/期望每个类别一项，共 3 项/);
    expect(() => parseDoc(['::: chart bar', 'categories: [甲', ':::'].join('\n'))).toThrow(/期望图表内容是可以读取的 YAML/);
    expect(() => parseDoc(['::: chart pie', 'categories: [甲]', 'series: [{ name: 值, data: [1] }]', ':::'].join('\n'))).toThrow(/type/);
  });

  it('template → Doc in one place: a bad chart is a template error at the template file, with the rendered line and field', () => {
    const root = mkdtempSync(join(tmpdir(), 'jianbao-doc-'));
    mkdirSync(join(root, 'default', 'partials'), { recursive: true });
    writeFileSync(join(root, 'default', 'bad.md.hbs'), '# {{title}}\n\n{{> chart}}\n');
    writeFileSync(join(root, 'default', 'partials', 'chart.hbs'), '::: chart bar\ncategories: [甲, 乙]\nseries:\n  - { name: 值, data: [1] }\n:::\n');
    const templates = loadTemplates(root);
    expect(templates.inputs('bad.md', 'demo').map((t) => t.rel)).toEqual(['bad.md.hbs', 'partials/chart.hbs']);
    let err: unknown;
    try {
      templateDoc(templates, 'bad.md', 'demo', { title: '*标题*' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JianbaoError);
    const e = err as JianbaoError;
    expect(e.kind).toBe('template');
    expect(e.problems).toEqual([
      { location: { kind: 'file', file: join(root, 'default', 'bad.md.hbs') }, field: '生成文本第 6 行 ::: chart › series[0].data', message: '期望每个类别一项，共 2 项', found: '含 1 项的列表' },
    ]);
    // the good case: the view is escaped once, the text parsed
    writeFileSync(join(root, 'default', 'partials', 'chart.hbs'), '');
    const ok = templateDoc(loadTemplates(root), 'bad.md', 'demo', { title: '*标题*' });
    expect(ok.text.startsWith('# \\*标题\\*')).toBe(true);
    expect(ok.doc.children[0]!.type === 'heading' && inlineText(ok.doc.children[0]!.children)).toBe('*标题*');
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
