#!/usr/bin/env node
/**
 * Generates docs/analyze-result.schema.json (JSON Schema draft-07) from the TypeScript type AnalyzeResult
 * (src/core/types.ts). `--check` fails when the committed schema differs from the types (run in the unit tests).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = join(ROOT, 'docs', 'analyze-result.schema.json');

export function generateSchema() {
  const schema = createGenerator({
    path: join(ROOT, 'src', 'core', 'types.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    type: 'AnalyzeResult',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('AnalyzeResult');
  schema.$id = 'https://stridescope.local/analyze-result.schema.json';
  schema.title = 'StrideScope analysis result (npm run analyze / JSON export)';
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = generateSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_PATH, 'utf8');
    if (current !== text) {
      console.error('docs/analyze-result.schema.json is out of date with src/core/types.ts: run "npm run schema".');
      process.exit(1);
    }
    console.log('schema up to date');
  } else {
    writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
