/** The limits every YAML file is read under (documented in README and docs/LIMITS.md). */
import { JianbaoError } from '../errors.js';
import { msg } from '../messages/index.js';
import { MAX_PROBLEMS } from '../core/source.js';

export const YAML_LIMITS = {
  /** Largest data file read, in bytes (documented in README and docs/LIMITS.md). */
  maxBytes: 2 * 1024 * 1024,
  /**
   * Aliases (*name) allowed in a file, and alias expansions allowed (yaml's maxAliasCount:
   * stops "billion laughs").
   */
  maxAliasCount: 100,
  /** Lists and mappings nested inside each other (the data model needs 6). */
  maxDepth: 32,
  /** Problems reported per file; the rest are summarised in one line. */
  maxProblems: MAX_PROBLEMS,
} as const;

const MiB = 1024 * 1024;

export function tooBig(file: string, bytes: number): JianbaoError {
  return new JianbaoError('data', [
    {
      location: { kind: 'file', file },
      message: msg('yaml.tooBig', { max: YAML_LIMITS.maxBytes / MiB }),
      found: msg('yaml.size', { mib: (bytes / MiB).toFixed(1), bytes }),
    },
  ]);
}
