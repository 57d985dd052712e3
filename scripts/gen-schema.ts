/** Regenerate schema/*.schema.json from the zod schemas (`make schema`). */
import { join } from 'node:path';
import { JSON_SCHEMAS, jsonSchemaText } from '../pipeline/model/json-schema.js';
import { PROJECT_ROOT } from '../pipeline/paths.js';
import { writeFileAtomic } from '../pipeline/write.js';

for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
  writeFileAtomic(join(PROJECT_ROOT, 'schema', name), jsonSchemaText(schema));
  process.stdout.write(`wrote schema/${name}\n`);
}
