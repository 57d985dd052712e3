/**
 * Distribution of a built meeting (numbered copies, bundles, manifest) and the static
 * index page of the output folder. See docs/DISTRIBUTION.md.
 *
 *   distributeMeeting({ outDir, dataDir, key: 'guancheng/2022-12-28-plenary', root })
 *   writeIndex({ outDir, dataDir, root })  → output/index.html
 */
export {
  distributeMeeting,
  MANIFEST_FILE,
  COPIES_DIR,
  BUNDLES_DIR,
  type DistributeOptions,
  type DistributeReport,
  type CopyRecord,
  type BundleRecord,
  type ArchiveRecord,
  type Manifest,
  type ManifestFile,
} from './distribute.js';
export { buildManifest, type UnitRef } from './manifest.js';
export { writeIndex, type IndexOptions, type IndexReport } from './site.js';
export { planCopies, serialOf, type CopyPlan, type CopyAssignment } from './plan.js';
