import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Methodology } from '../domain/methodology.js';
import { type IMetaRow, methodologyFromIMeta } from '../domain/methodology-from-imeta.js';
import { parseDelimitedText } from '../ingest/delimited-text.js';
import { InputError } from '../ingest/input-problem.js';

const REQUIRED = ['iCode', 'Level', 'Parent', 'Weight', 'Direction', 'Type'];

/** Whether a methodology file is COINr's iMeta (CSV) rather than munirank's JSON. */
export function isIMetaFile(file: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(file);
}

/**
 * Reads COINr's iMeta as R's `write.csv` writes it (quoted text, `NA` for missing) and turns
 * it into a methodology (see `methodologyFromIMeta`); the methodology's code is the file name.
 *
 * @example readIMetaFile('iMeta.csv').tree.code // 'Index'
 */
export function readIMetaFile(file: string): Methodology {
  const text = readFileSync(file, 'utf8');
  const parsed = parseDelimitedText(text, { file, quoting: true });
  if (parsed.problems.length > 0) throw new InputError(parsed.problems);
  const [header, ...rows] = parsed.rows;
  const columns = (header?.cells ?? []).map((c) => c.trim());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw new InputError([
      {
        file,
        row: 1,
        column: null,
        message: `нет граф iMeta: ${missing.join(', ')} (нужны ${REQUIRED.join(', ')})`,
      },
    ]);
  const records: IMetaRow[] = rows.map((row) =>
    Object.fromEntries(
      columns.map((c, k) => {
        const v = row.cells[k]?.trim() ?? '';
        return [c, v === '' || v === 'NA' ? null : v];
      }),
    ),
  );
  const code = basename(file).replace(/\.[^.]*$/, '') || 'coinr';
  const result = methodologyFromIMeta(records, { code });
  if (!result.ok)
    throw new InputError(
      result.problems.map((p) => ({
        file,
        row: (rows[p.row - 2]?.line ?? p.row) || null,
        column: p.column,
        message: p.message,
      })),
    );
  return result.methodology;
}
