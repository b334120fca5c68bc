import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvCellRu } from '../documents/tabular.js';
import { plainNumber } from '../domain/russian-number-format.js';

/**
 * `plain`: `,` and a decimal point, for programs; `excel`: what Russian Excel opens by a
 * double click — `;`, a decimal comma and a BOM that tells it the file is UTF-8.
 */
export type CsvStyle = 'plain' | 'excel';

const SEPARATOR: Record<CsvStyle, string> = { plain: ',', excel: ';' };

/** A CSV cell: numbers without binary noise, quotes where the text needs them. */
function csvCell(value: string | number | null, style: CsvStyle): string {
  if (style === 'excel') return csvCellRu(value);
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (typeof value === 'number') return plainNumber(value);
  return /[",;\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes rows as CSV (header from the first row's keys) or JSON, to a file or stdout. */
export function writeOutput(
  rows: Record<string, string | number | null>[],
  options: { format: 'csv' | 'json'; output?: string | undefined; excel?: boolean | undefined },
  json: unknown = rows,
): void {
  const style: CsvStyle = options.excel ? 'excel' : 'plain';
  const line = (cells: (string | number | null)[]) =>
    cells.map((c) => csvCell(c, style)).join(SEPARATOR[style]);
  const text =
    options.format === 'json'
      ? `${JSON.stringify(json, null, 2)}\n`
      : `${style === 'excel' ? '\uFEFF' : ''}${[
          line(Object.keys(rows[0] ?? {})),
          ...rows.map((r) => line(Object.values(r))),
        ].join(style === 'excel' ? '\r\n' : '\n')}\n`;
  if (options.output) writeFileSync(options.output, text, 'utf8');
  else process.stdout.write(text);
}

export function parseFormat(value: string): 'csv' | 'json' {
  if (value !== 'csv' && value !== 'json')
    throw new Error(`формат «${value}»: допустимы csv и json`);
  return value;
}

/** The output options every command that writes a table shares. */
export function addOutputOptions(command: Command): Command {
  return command
    .option('--format <формат>', 'формат результата: csv или json', parseFormat, 'csv')
    .option(
      '--excel',
      'CSV для русского Excel: разделитель «;», десятичная запятая, UTF-8 с меткой BOM',
    )
    .option('--output <файл>', 'записать результат в файл (по умолчанию — в стандартный вывод)');
}
