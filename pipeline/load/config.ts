/**
 * The one reader of config/*.yaml: files are parsed with the data loader (located errors)
 * and validated against the schemas of model/config.ts. Renderers get the result in their
 * RenderContext and never read a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JianbaoError } from '../errors.js';
import { DEFAULT_SLIDES_CONFIG, SlidesConfigSchema, type ProjectConfig, type SlidesConfig } from '../model/config.js';
import { issuesToProblems } from '../model/validate.js';
import { parseYaml } from './yaml.js';

/** The project's settings under `root`, each file read (once) when first asked for. */
export function projectConfig(root: string): ProjectConfig {
  let slides: SlidesConfig | undefined;
  return {
    get slides() {
      return (slides ??= loadSlidesConfig(root));
    },
  };
}

/** config/slides.yaml under the project root, or the defaults when the file is absent. */
export function loadSlidesConfig(root: string): SlidesConfig {
  const path = join(root, 'config', 'slides.yaml');
  if (!existsSync(path)) return DEFAULT_SLIDES_CONFIG;
  const file = relative(process.cwd(), path) || path;
  let src;
  try {
    src = parseYaml(file, readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof JianbaoError) throw new JianbaoError('config', err.problems, { cause: err });
    throw err;
  }
  const result = SlidesConfigSchema.safeParse(src.data, { reportInput: true });
  if (result.success) return withSortedSizes(result.data);
  throw new JianbaoError('config', issuesToProblems(src, SlidesConfigSchema, result.error.issues));
}

/** Body sizes are tried largest first, whatever order the file lists them in. */
function withSortedSizes(c: SlidesConfig): SlidesConfig {
  return { ...c, text: { ...c.text, bodySizes: [...new Set(c.text.bodySizes)].sort((a, b) => b - a) } };
}
