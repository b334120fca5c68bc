import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { canonicalJson } from '../../domain/canonical-json.js';
import {
  coinrScript,
  IMETA_COLUMNS,
  iMetaFromMethodology,
} from '../../domain/imeta-from-methodology.js';
import type { Methodology, MethodologyNode } from '../../domain/methodology.js';
import { expressionVariables, parseExpression } from '../../engine/expression.js';
import { readMethodologyFile } from '../read-methodology-file.js';
import { registerMethodologyVersionCommands } from './methodology-version-command.js';

function indicators(node: MethodologyNode): Extract<MethodologyNode, { kind: 'indicator' }>[] {
  return node.kind === 'indicator' ? [node] : node.children.flatMap(indicators);
}

/** Names the formulas and the grouping read that are not indicators: COINr's denominators. */
function referenceNames(m: Methodology): string[] {
  const codes = new Set(indicators(m.tree).map((i) => i.code));
  const names = new Set<string>();
  for (const i of indicators(m.tree))
    if (i.formula) for (const v of expressionVariables(parseExpression(i.formula))) names.add(v);
  if (m.grouping) names.add(m.grouping.reference);
  return [...names].filter((n) => !codes.has(n));
}

/** A cell as R's write.csv writes it: text quoted, numbers bare, NA for missing. */
function rCell(value: string | number | null): string {
  if (value === null) return 'NA';
  if (typeof value === 'number') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

export function registerMethodologyCommand(program: Command): void {
  const methodology = program
    .command('methodology')
    .description('Методика: выгрузка в другие форматы, версии в базе');
  registerMethodologyVersionCommands(methodology);
  methodology
    .command('export')
    .description(
      'Выгрузить методику (JSON или iMeta COINr): json — munirank; coinr — iMeta для COINr ' +
        '(дерево, веса, направления; настройки munirank — в графах munirank_*) и рядом скрипт R ' +
        'с нормировкой, агрегированием, пропусками и отбором; соответствие полей — docs/coinr.md',
    )
    .argument('<методика>', 'методика (JSON или iMeta CSV)')
    .option('--format <формат>', 'json или coinr', 'json')
    .option('--output <файл>', 'куда записать (для coinr обязательно: iMeta.csv, скрипт — iMeta.R)')
    .action((file: string, opts: { format: string; output?: string }) => {
      const m = readMethodologyFile(file);
      if (opts.format === 'json') {
        const text = `${JSON.stringify(JSON.parse(canonicalJson(m)), null, 2)}\n`;
        if (opts.output) writeFileSync(opts.output, text, 'utf8');
        else process.stdout.write(text);
        return;
      }
      if (opts.format !== 'coinr')
        throw new Error(`формат «${opts.format}»: допустимы json и coinr`);
      if (!opts.output) throw new Error('для --format coinr укажите --output iMeta.csv');
      const rows = iMetaFromMethodology(m, referenceNames(m));
      const csv = [
        IMETA_COLUMNS.map((c) => rCell(c)).join(','),
        ...rows.map((r) => IMETA_COLUMNS.map((c) => rCell(r[c])).join(',')),
      ].join('\n');
      writeFileSync(opts.output, `${csv}\n`, 'utf8');
      const script = `${opts.output.replace(/\.[^./]*$/, '')}.R`;
      writeFileSync(script, coinrScript(m, basename(opts.output)), 'utf8');
      console.error(`Записаны ${opts.output} и ${script}.`);
    });
}
