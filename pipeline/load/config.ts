/**
 * The one reader of config/*.yaml (theme, fonts, slides, ledger). Every file is read through
 * the data loader (size, encoding, positions) and validated against its schema in
 * model/config.ts, so a mistake is reported as `文件:行:列  字段  期望…，实际为…`. Every file is
 * optional (defaults), and a file whose lines are all commented out means the defaults too.
 * Renderers get the result in their RenderContext and never read a file.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { JianbaoError, type Problem } from '../errors.js';
import type { YamlSource } from '../core/source.js';
import {
  DEFAULT_FONTS_CONFIG,
  DEFAULT_LEDGER_CONFIG,
  DEFAULT_SLIDES_CONFIG,
  DEFAULT_THEME_SETTINGS,
  FontsConfigSchema,
  LedgerConfig,
  SlidesConfigSchema,
  ThemeConfigSchema,
  type FontsConfig,
  type ProjectConfig,
  type SlidesConfig,
  type ThemeSettings,
} from '../model/config.js';
import { issuesToProblems } from '../model/validate.js';
import { readYamlFile } from './yaml.js';

/** The settings files, by name (config/<name>.yaml). */
export const CONFIG_FILES = {
  theme: ThemeConfigSchema,
  fonts: FontsConfigSchema,
  slides: SlidesConfigSchema,
  ledger: LedgerConfig,
} as const;
export type ConfigName = keyof typeof CONFIG_FILES;

/** One settings file as read: its value, and its source when the file exists (for located messages). */
export interface ConfigFile<T> {
  value: T;
  /** Absolute path. */
  path: string;
  /** The path as shown to the user. */
  file: string;
  src?: YamlSource;
}

/** The project's settings under `root`, each file read (once) when first asked for. */
export function projectConfig(root: string): ProjectConfig {
  let slides: SlidesConfig | undefined;
  let theme: ThemeSettings | undefined;
  let fonts: FontsConfig | undefined;
  let ledger: LedgerConfig | undefined;
  return {
    get slides() {
      return (slides ??= loadSlidesConfig(root));
    },
    get theme() {
      return (theme ??= loadThemeConfig(root));
    },
    get fonts() {
      return (fonts ??= loadFontsConfig(root).value);
    },
    get ledger() {
      return (ledger ??= loadLedgerConfig(root));
    },
  };
}

/** `check`: every settings file read and validated, the problems of all of them together (none when all are good). */
export function checkConfig(root: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(CONFIG_FILES) as ConfigName[]) {
    try {
      readConfigFile(root, name, CONFIG_FILES[name] as z.ZodType, undefined);
    } catch (err) {
      if (!(err instanceof JianbaoError)) throw err;
      problems.push(...err.problems);
    }
  }
  return problems;
}

/** Read and validate config/<name>.yaml under `root`; `fallback` when the file is absent. */
export function readConfigFile<S extends z.ZodType>(root: string, name: ConfigName, schema: S, fallback: z.output<S>, path = join(root, 'config', `${name}.yaml`)): ConfigFile<z.output<S>> {
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) return { value: fallback, path, file };
  let src: YamlSource;
  try {
    src = readYamlFile(file, path, { empty: {} });
  } catch (err) {
    if (err instanceof JianbaoError) throw new JianbaoError('config', err.problems, { cause: err });
    throw err;
  }
  const result = schema.safeParse(src.data, { reportInput: true });
  if (!result.success) throw new JianbaoError('config', issuesToProblems(src, schema, result.error.issues));
  return { value: result.data as z.output<S>, path, file, src };
}

/** config/theme.yaml: the briefing's page and type settings (defaults for what it leaves out). */
export function loadThemeConfig(root: string): ThemeSettings {
  return readConfigFile(root, 'theme', ThemeConfigSchema, DEFAULT_THEME_SETTINGS).value;
}

/** config/fonts.yaml (or another file: tests), with its source (load/fonts.ts locates a bad font file at its line). */
export function loadFontsConfig(root: string, path?: string): ConfigFile<FontsConfig> {
  return readConfigFile(root, 'fonts', FontsConfigSchema, DEFAULT_FONTS_CONFIG, path);
}

/** config/ledger.yaml: status rule, text limits, ingest limits, the year-end assessment. */
export function loadLedgerConfig(root: string): LedgerConfig {
  return readConfigFile(root, 'ledger', LedgerConfig, DEFAULT_LEDGER_CONFIG).value;
}

/** config/slides.yaml under the project root, or the defaults when the file is absent. */
export function loadSlidesConfig(root: string): SlidesConfig {
  return withSortedSizes(readConfigFile(root, 'slides', SlidesConfigSchema, DEFAULT_SLIDES_CONFIG).value);
}

/** Body sizes are tried largest first, whatever order the file lists them in. */
function withSortedSizes(c: SlidesConfig): SlidesConfig {
  return { ...c, text: { ...c.text, bodySizes: [...new Set(c.text.bodySizes)].sort((a, b) => b - a) } };
}
