/** The output formats, in build order. Adding a format = one import + one entry. */
import type { Renderer } from './registry.js';
import { slidesRenderer } from './slides/index.js';

export const RENDERERS: readonly Renderer[] = [slidesRenderer];

export function renderersFor(formats?: readonly string[]): Renderer[] {
  if (!formats?.length) return [...RENDERERS];
  return RENDERERS.filter((r) => formats.includes(r.format));
}
