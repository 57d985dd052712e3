/**
 * One entry per output format. A new format is one module plus one line here
 * (the Marp CLI shape: render to the intermediate form once, then dispatch).
 *
 * Renderers are pure with respect to the file system: they receive everything in a
 * RenderContext — the view, the documents, the settings of config/*.yaml and the resolved
 * fonts — and return bytes; build/ writes them (atomically).
 */
import type { Problem } from '../errors.js';
import type { ProjectConfig, ResolvedFonts } from '../model/config.js';
import type { MeetingView } from '../core/view.js';
import type { Doc } from './doc/ast.js';

export interface RenderContext {
  view: MeetingView;
  /** Render a template (e.g. "briefing.md") for this meeting's district and parse it. */
  doc(template: string): { text: string; doc: Doc };
  /** Project settings (config/*.yaml: theme, fonts, slides, ledger), read by the load layer. */
  config: ProjectConfig;
  /**
   * The fonts of the build (load/fonts.ts): each 公文 role's file, and its bytes when a
   * renderer first asks — so a document reads only the font files it uses.
   */
  fonts: ResolvedFonts;
}

export interface OutputFile {
  /** File name inside output/<district>/<meeting>/ (no sub-folders, no ".."). */
  name: string;
  data: Uint8Array | string;
}

export interface Renderer {
  /** Format id used by --format and in logs. */
  format: string;
  render(ctx: RenderContext): Promise<OutputFile[]>;
  /**
   * Optional check of a produced file (the PDF preflight). Problems are reported with the
   * build; the file is written all the same, so a person can look at what is wrong.
   * Locations name the output file by `file.name`; the build makes the path whole.
   */
  check?(file: OutputFile, ctx: RenderContext): Promise<Problem[]>;
}
