/** The committed JSON Schemas (for VS Code) are exactly what the zod schemas generate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, jsonSchemaText } from '../../pipeline/model/json-schema.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

describe('JSON Schema for editors', () => {
  for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
    it(`schema/${name} is up to date (run \`make schema\` after changing the zod schemas)`, () => {
      const committed = readFileSync(join(PROJECT_ROOT, 'schema', name), 'utf8');
      expect(committed).toBe(jsonSchemaText(schema));
      const json = JSON.parse(committed) as { $schema: string; properties: Record<string, unknown>; additionalProperties: unknown };
      expect(json.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(json.additionalProperties).toBe(false); // .strict(): a misspelt key is flagged in the editor
      // every field has Chinese hover text
      const undescribed: string[] = [];
      const walk = (n: unknown, path: string) => {
        if (!n || typeof n !== 'object') return;
        const node = n as { properties?: Record<string, { description?: string }>; items?: unknown; anyOf?: unknown[]; additionalProperties?: unknown };
        for (const [k, v] of Object.entries(node.properties ?? {})) {
          if (!v.description || !/[\u4e00-\u9fff]/.test(v.description)) undescribed.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
        walk(node.items, `${path}[]`);
        for (const x of node.anyOf ?? []) walk(x, path);
        if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`);
      };
      walk(json, '');
      expect(undescribed).toEqual([]);
    });
  }

  it('is wired to the data files for VS Code', () => {
    const settings = JSON.parse(readFileSync(join(PROJECT_ROOT, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string> };
    expect(Object.keys(settings['yaml.schemas']).sort()).toEqual(Object.keys(JSON_SCHEMAS).map((n) => `./schema/${n}`).sort());
    for (const file of ['data/guancheng/meetings/2022-12-28-plenary.yaml', 'data/guancheng/district.yaml']) {
      expect(readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
    }
  });
});
