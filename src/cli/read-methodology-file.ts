import { readFileSync } from 'node:fs';
import type { Methodology } from '../domain/methodology.js';
import { validateMethodology } from '../engine/validate-methodology.js';
import { InputError } from '../ingest/input-problem.js';

/** Reads and validates a methodology JSON file; every error names its place in the document. */
export function readMethodologyFile(file: string): Methodology {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError([
      { file, row: null, column: null, message: `не JSON: ${e instanceof Error ? e.message : e}` },
    ]);
  }
  const checked = validateMethodology(json);
  if (!checked.ok)
    throw new InputError(
      checked.errors.map((e) => ({
        file,
        row: null,
        column: null,
        message: `${e.path || '/'}: ${e.message}`,
      })),
    );
  return checked.methodology;
}
