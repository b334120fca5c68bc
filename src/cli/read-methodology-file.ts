import { readFileSync } from 'node:fs';
import type { Methodology } from '../domain/methodology.js';
import { validateMethodology } from '../engine/validate-methodology.js';
import { InputError } from '../ingest/input-problem.js';
import { describeJsonError, locateJsonError } from '../ingest/locate-json-error.js';
import { isIMetaFile, readIMetaFile } from './read-imeta-file.js';

/**
 * Reads and validates a methodology: munirank's JSON or COINr's iMeta CSV; every error names
 * its place in the document.
 */
export function readMethodologyFile(file: string): Methodology {
  const json = isIMetaFile(file) ? readIMetaFile(file) : readJsonFile(file);
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

/**
 * Reads a JSON file; a syntax error names the line and column and shows the line, not the
 * character offset JavaScript reports.
 */
export function readJsonFile(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    const place = locateJsonError(text);
    throw new InputError([
      place
        ? { file, row: place.line, column: null, message: `не JSON, ${describeJsonError(place)}` }
        : {
            file,
            row: null,
            column: null,
            message: `не JSON: ${e instanceof Error ? e.message : e}`,
          },
    ]);
  }
}
