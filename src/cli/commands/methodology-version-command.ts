import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RequestError } from '../../server/features/access/access-errors.js';
import {
  findVersionInForce,
  listVersions,
  saveVersion,
} from '../../server/features/methodologies/methodology-version-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption, inRegion } from '../with-database.js';

/** A refusal as the API gives it, with every field the message names on its own line. */
function explain(error: unknown): never {
  if (error instanceof RequestError && error.fields)
    throw new Error(error.fields.map((f) => `${f.path}: ${f.message}`).join('\n'));
  throw error;
}

/** `munirank methodology versions|save|in-force`: the stored versions, as the editor keeps them. */
export function registerMethodologyVersionCommands(methodology: Command): void {
  methodology
    .command('versions')
    .description('Версии методики в базе: с какого месяца действует каждая и что изменено')
    .argument('<код>', 'код методики')
    .option(...dataDirOption)
    .action(async (code: string, opts: { dataDir?: string }) => {
      const list = await inRegion(opts.dataDir, (h, regionId) =>
        listVersions(h.db, regionId, code, cliAuditContext()),
      );
      for (const v of list.versions)
        console.log(
          [
            `версия ${v.version}${v.version === list.inForceNow ? ' (действует сейчас)' : ''}`,
            `с ${v.effectiveFrom}`,
            v.changeNote ?? '—',
            v.createdBy ?? '—',
          ].join('\t'),
        );
    });
  methodology
    .command('save')
    .description(
      'Сохранить методику из файла JSON новой версией, действующей с месяца (записывается в журнал аудита)',
    )
    .argument('<код>', 'код методики')
    .argument('<файл>', 'методика (JSON)')
    .requiredOption('--from <месяц>', 'с какого месяца действует, ГГГГ-ММ')
    .requiredOption('--note <текст>', 'что изменено')
    .option(...dataDirOption)
    .action(
      async (
        code: string,
        file: string,
        opts: { from: string; note: string; dataDir?: string },
      ) => {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.from))
          throw new Error(`--from «${opts.from}»: ожидается месяц ГГГГ-ММ, например 2017-05`);
        const definition = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as object;
        const saved = await inRegion(opts.dataDir, (h, regionId) =>
          saveVersion(
            h.db,
            regionId,
            code,
            { definition, changeNote: opts.note, effectiveFrom: opts.from },
            cliAuditContext(),
          ).catch(explain),
        );
        console.log(
          `Сохранена версия ${saved.version} методики «${code}», действует с ${saved.effectiveFrom}.`,
        );
      },
    );
  methodology
    .command('in-force')
    .description(
      'Версия методики, действующая в периоде, как файл JSON (для munirank compute --methodology)',
    )
    .argument('<код>', 'код методики')
    .requiredOption('--period <период>', 'период расчёта: 2017, 2017-Q2, 2017-04 или 2017-04-01')
    .option('--output <файл>', 'куда записать (по умолчанию — в стандартный вывод)')
    .option(...dataDirOption)
    .action(async (code: string, opts: { period: string; output?: string; dataDir?: string }) => {
      const row = await inRegion(opts.dataDir, (h, regionId) =>
        findVersionInForce(h.db, regionId, code, opts.period),
      );
      if (!row)
        throw new Error(`Методика «${code}»: ни одна версия не действует в периоде ${opts.period}`);
      const text = `${JSON.stringify(JSON.parse(row.definition), null, 2)}\n`;
      if (opts.output) {
        writeFileSync(opts.output, text, 'utf8');
        console.error(`Записана версия ${row.version} (действует с ${row.effective_from}).`);
      } else process.stdout.write(text);
    });
}
