/**
 * The 公文 typeface roles as the renderers see them. Which file each role uses is decided by
 * the build (load/fonts.ts: config/fonts.yaml → the machine's fonts → Noto from npm) and
 * arrives in the RenderContext as `ResolvedFonts`; this module only names the roles and
 * gives the renderers pdfkit's own font engine.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export {
  FONT_ROLES,
  ROLE_KEYS,
  ROLE_LABEL,
  ROLE_USE,
  SYSTEM_NAMES,
  type FontConfigEntry,
  type FontFile,
  type FontRole,
  type FontSource,
  type ResolvedFonts,
  type RoleResolution,
} from '../../model/config.js';

let fontkitModule: { create(data: Uint8Array): unknown } | undefined;
/** pdfkit's own fontkit (so fonts parsed here are the ones pdfkit embeds). */
export function fontkitEngine<T>(): T {
  if (!fontkitModule) {
    const require = createRequire(import.meta.url);
    const pdfkitMain = require.resolve('pdfkit', { paths: [dirname(require.resolve('pdfmake'))] });
    fontkitModule = createRequire(pdfkitMain)('fontkit') as { create(data: Uint8Array): unknown };
  }
  return fontkitModule as unknown as T;
}
