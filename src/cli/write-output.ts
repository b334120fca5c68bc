import { writeFileSync } from 'node:fs';

/** A CSV cell: numbers at full precision with a decimal point, quotes where needed. */
function csvCell(value: string | number | null): string {
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows as CSV (header from the first row's keys) or JSON, to a file or stdout. */
export function writeOutput(
  rows: Record<string, string | number | null>[],
  format: 'csv' | 'json',
  output: string | undefined,
  json: unknown = rows,
): void {
  const text =
    format === 'json'
      ? `${JSON.stringify(json, null, 2)}\n`
      : `${[
          Object.keys(rows[0] ?? {})
            .map(csvCell)
            .join(','),
          ...rows.map((r) => Object.values(r).map(csvCell).join(',')),
        ].join('\n')}\n`;
  if (output) writeFileSync(output, text, 'utf8');
  else process.stdout.write(text);
}

export function parseFormat(value: string): 'csv' | 'json' {
  if (value !== 'csv' && value !== 'json')
    throw new Error(`формат «${value}»: допустимы csv и json`);
  return value;
}
