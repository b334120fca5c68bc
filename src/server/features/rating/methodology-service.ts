import type { Kysely } from 'kysely';
import {
  listMethodologies,
  listMethodologyVersions,
  type MethodologyRow,
} from '../../../db/repositories/methodology-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import { versionInForce } from '../../../domain/methodology-in-force.js';
import { validateMethodology } from '../../../engine/validate-methodology.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import type { MethodologyChoice, StoredMethodology } from './rating-schemas.js';

const toView = (row: MethodologyRow): StoredMethodology => ({
  id: row.id,
  code: row.code,
  version: row.version,
  title: row.title,
  effectiveFrom: row.effective_from,
  contentHash: row.content_hash,
  createdAt: row.created_at,
  definition: JSON.parse(row.definition) as Record<string, unknown>,
});

/** The region's stored methodology versions: every one a rating was ever computed under. */
export async function listStoredMethodologies(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<StoredMethodology[]> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'methodology',
    attempt: 'methodology.list',
  });
  return (await listMethodologies(db, regionId)).map(toView);
}

/** A methodology document checked by the engine, or a 400 listing where it is wrong. */
export function checkedMethodology(document: unknown, label = 'Методика'): Methodology {
  const checked = validateMethodology(document);
  if (!checked.ok)
    throw new RequestError(
      400,
      'invalid_methodology',
      `${label} не прошла проверку:\n${checked.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
      checked.errors,
    );
  return checked.methodology;
}

/**
 * The methodology a request names: a stored one by code (the newest version unless one is
 * given) or a document sent with the request.
 */
export async function resolveMethodology(
  db: Kysely<Database>,
  regionId: number,
  choice: MethodologyChoice,
  label: string,
): Promise<Methodology> {
  if ('definition' in choice) return checkedMethodology(choice.definition, label);
  const stored = (await listMethodologies(db, regionId)).find(
    (m) => m.code === choice.code && (choice.version === undefined || m.version === choice.version),
  );
  if (!stored)
    throw new RequestError(
      404,
      'not_found',
      `${label}: методика «${choice.code}»${choice.version ? ` версии ${choice.version}` : ''} не сохранена`,
    );
  return checkedMethodology(JSON.parse(stored.definition), label);
}

/** A compute request's methodology that names a stored one: `{ code }` or `{ code, version }`. */
function storedChoiceOf(document: unknown): { code: string; version?: string } | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const { code, version, ...rest } = document as Record<string, unknown>;
  if (typeof code !== 'string' || Object.keys(rest).length > 0) return null;
  if (version === undefined) return { code };
  return typeof version === 'string' || typeof version === 'number'
    ? { code, version: String(version) }
    : null;
}

/**
 * The methodology of a computation for a period: a whole document as sent, the stored version
 * it names, or — named by code alone — the version in force for the period.
 */
export async function methodologyForPeriod(
  db: Kysely<Database>,
  regionId: number,
  document: unknown,
  period: string,
): Promise<Methodology> {
  const choice = storedChoiceOf(document);
  if (!choice) return checkedMethodology(document);
  const rows = await listMethodologyVersions(db, regionId, choice.code);
  const row =
    choice.version === undefined
      ? versionInForce(
          rows.map((r) => ({ ...r, effectiveFrom: r.effective_from })),
          period,
        )
      : (rows.find((r) => r.version === choice.version) ?? null);
  if (!row)
    throw new RequestError(
      404,
      'not_found',
      choice.version === undefined
        ? `Методика «${choice.code}»: ни одна сохранённая версия не действует в периоде ${period}`
        : `Методика «${choice.code}» версии ${choice.version} не сохранена`,
    );
  return checkedMethodology(JSON.parse(row.definition));
}
