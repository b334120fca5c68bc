import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findMunicipalityByCode,
  type MunicipalityRow,
  updateMunicipality,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { dayBefore, type MergerResult, type MunicipalityMerger } from '../../../domain/registry.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { insertUnit, manageRegistry, viewOf } from './registry-edit-service.js';
import { fieldError, requireDate } from './registry-input.js';
import { requireOpen } from './registry-lifecycle-service.js';
import { refOf } from './registry-views.js';

function requireOneSuccessor(input: MunicipalityMerger): void {
  if ((input.successor === undefined) === (input.newSuccessor === undefined))
    throw fieldError(
      'successor',
      'укажите правопреемника: действующее ОМСУ реестра или новое (но не оба сразу).',
    );
}

async function predecessorRows(
  trx: Kysely<Database>,
  regionId: number,
  codes: string[],
  lastDay: string,
): Promise<MunicipalityRow[]> {
  if (codes.length === 0) throw fieldError('predecessors', 'укажите хотя бы одно ОМСУ.');
  if (new Set(codes).size !== codes.length)
    throw fieldError('predecessors', 'одно и то же ОМСУ указано дважды.');
  const rows: MunicipalityRow[] = [];
  for (const code of codes) {
    const row = await findMunicipalityByCode(trx, regionId, code);
    if (!row) throw fieldError('predecessors', `ОМСУ «${code}» нет в реестре.`);
    requireOpen(row, 'predecessors', lastDay);
    rows.push(row);
  }
  return rows;
}

async function successorRow(
  trx: Kysely<Database>,
  regionId: number,
  input: MunicipalityMerger,
  date: string,
  context: AuditContext,
): Promise<{ row: MunicipalityRow; created: boolean }> {
  if (input.newSuccessor)
    return {
      row: await insertUnit(trx, regionId, { ...input.newSuccessor, validFrom: date }, context),
      created: true,
    };
  const code = input.successor as string;
  const row = await findMunicipalityByCode(trx, regionId, code);
  if (!row) throw fieldError('successor', `ОМСУ «${code}» нет в реестре.`);
  if (input.predecessors.includes(code))
    throw fieldError('successor', `«${row.name}» указано и предшественником.`);
  if (row.valid_to !== null)
    throw fieldError(
      'successor',
      `«${row.name}» само закрыто (действовало по ${row.valid_to}): объединять можно только в действующее ОМСУ.`,
    );
  if (row.valid_from !== null && row.valid_from > date)
    throw fieldError(
      'successor',
      `«${row.name}» действует только с ${row.valid_from}, позже ${date}.`,
    );
  return { row, created: false };
}

/**
 * Merges units into a successor from `date`: each predecessor closes the day before and
 * names the successor, which is an open unit of the registry or a new one made here. One
 * audit event holds every unit before and after. Administrators only.
 *
 * @example mergeMunicipalities(db, regionId, { predecessors: ['a-district', 'b-district'],
 *   newSuccessor: { code: 'ab-okrug', name: 'АБ округ', kind: 'municipal_okrug' },
 *   date: '2026-01-01' }, context)
 */
export async function mergeMunicipalities(
  db: Kysely<Database>,
  regionId: number,
  input: MunicipalityMerger,
  context: AuditContext,
): Promise<MergerResult> {
  const target = input.successor ?? input.newSuccessor?.code ?? '';
  manageRegistry(context, target, 'municipality.merge');
  requireOneSuccessor(input);
  const date = requireDate('date', input.date);
  const lastDay = dayBefore(date);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRegistry', regionId);
    const predecessors = await predecessorRows(trx, regionId, input.predecessors, lastDay);
    const successor = await successorRow(trx, regionId, input, date, context);
    const before = {
      predecessors: await Promise.all(predecessors.map((p) => viewOf(trx, regionId, p.code))),
      successor: successor.created ? null : await viewOf(trx, regionId, successor.row.code),
    };
    const at = context.at.toISOString();
    for (const p of predecessors)
      await updateMunicipality(trx, p.id, {
        valid_to: lastDay,
        successor_id: successor.row.id,
        updated_at: at,
        updated_by: actorLabel(context.actor),
      });
    const after = {
      predecessors: await Promise.all(predecessors.map((p) => viewOf(trx, regionId, p.code))),
      successor: await viewOf(trx, regionId, successor.row.code),
    };
    await recordAudit(trx, {
      context,
      action: 'municipality.merge',
      entityType: 'municipality',
      entityId: successor.row.code,
      before,
      after,
      detail: `${predecessors.map((p) => p.name).join(', ')} → ${successor.row.name} с ${date}`,
    });
    return { successor: refOf(successor.row), predecessors: predecessors.map(refOf), date };
  });
}
