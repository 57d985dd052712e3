/**
 * JSON Schema (draft-07, what the VS Code YAML extension supports) generated from the
 * zod schemas, so editors autocomplete and validate the data files and the settings files
 * (config/*.yaml; .vscode/settings.json maps each file to its schema).
 */
import { z } from 'zod';
import { FontsConfigSchema, SlidesConfigSchema, ThemeConfigSchema } from './config.js';
import { LedgerConfig, ProgressFile } from './progress.js';
import { District, Meeting } from './schema.js';

export const JSON_SCHEMAS = {
  'meeting.schema.json': Meeting,
  'district.schema.json': District,
  'progress.schema.json': ProgressFile,
  'theme.schema.json': ThemeConfigSchema,
  'fonts.schema.json': FontsConfigSchema,
  'slides.schema.json': SlidesConfigSchema,
  'ledger.schema.json': LedgerConfig,
} as const;

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}
