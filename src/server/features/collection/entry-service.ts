import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findCurrentNotes,
  findMunicipalityObservations,
  listIndicatorPassports,
  listMunicipalityReferences,
  writeEnteredValue,
} from '../../../db/repositories/entry-observation-repository.js';
import { findSetting } from '../../../db/repositories/setting-repository.js';
import {
  findSubmission,
  listSubmissionEvents,
} from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { EntryForm, EntryLine, EntryProblem, EntrySave } from '../../../domain/entry-form.js';
import {
  type EntryPeriodKind,
  entryPeriodKind,
  formCollects,
  previousEntryPeriod,
  referenceYear,
  storedPeriod,
} from '../../../domain/entry-period.js';
import type { ValueRevision } from '../../../domain/import-preview.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import { DEFAULT_JUMP_THRESHOLD_PERCENT, validateEntry } from '../../../domain/validate-entry.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { listRevisions } from '../imports/revision-service.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import { availableActions, editRefusal, requirePeriod } from './workflow-rules.js';

/** The source every value typed into a form carries in its provenance. */
export const ENTRY_SOURCE = 'форма ввода';
export const JUMP_THRESHOLD_SETTING = 'collection.jump_threshold_percent';

/** The values were refused: every problem, per indicator, in Russian. */
export class EntryInvalidError extends Error {
  constructor(readonly problems: EntryProblem[]) {
    super(`Данные не сохранены: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'EntryInvalidError';
  }
}

interface LoadedForm {
  municipality: MunicipalityRef;
  lines: (EntryLine & { indicatorId: number })[];
  form: EntryForm;
}

async function jumpThreshold(db: Kysely<Database>): Promise<number> {
  const stored = Number(await findSetting(db, JUMP_THRESHOLD_SETTING));
  return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_JUMP_THRESHOLD_PERCENT;
}

async function loadForm(
  db: Kysely<Database>,
  municipality: MunicipalityRef,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<LoadedForm> {
  const kind = entryPeriodKind(period) as EntryPeriodKind;
  const previous = previousEntryPeriod(period);
  const indicators = (await listIndicatorPassports(db, regionId)).filter((i) =>
    formCollects(kind, i.periodicity),
  );
  const current = new Map(indicators.map((i) => [i.id, storedPeriod(i.periodicity, period)]));
  const before = new Map(indicators.map((i) => [i.id, storedPeriod(i.periodicity, previous)]));
  const observations = await findMunicipalityObservations(
    db,
    municipality.id,
    indicators.map((i) => i.id),
    [...new Set([...current.values(), ...before.values()])],
  );
  const find = (indicatorId: number, p: string | undefined) =>
    observations.find((o) => o.indicator_id === indicatorId && o.period === p);
  const notes = await findCurrentNotes(db, observations);
  const lines = indicators.map((i) => {
    const now = find(i.id, current.get(i.id));
    return {
      indicatorId: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      rangeMin: i.range_min,
      rangeMax: i.range_max,
      decimals: i.decimals,
      formula: i.formula,
      storedPeriod: current.get(i.id) as string,
      value: now?.value ?? null,
      observationId: now?.id ?? null,
      previousValue: find(i.id, before.get(i.id))?.value ?? null,
      note: now ? (notes.get(now.id) ?? null) : null,
    };
  });
  const references = Object.fromEntries(
    (await listMunicipalityReferences(db, municipality.id, referenceYear(period))).map((r) => [
      r.kind,
      r.value,
    ]),
  );
  const submission = await findSubmission(db, municipality.id, period);
  const status = submission?.status ?? 'draft';
  const history = submission ? await listSubmissionEvents(db, submission.id) : [];
  const writable =
    editRefusal(context.actor, municipality.id, status) === null &&
    isAllowed(context.actor, 'municipality-data.write', { municipalityId: municipality.id });
  return {
    municipality,
    lines,
    form: {
      municipality,
      period,
      previousPeriod: previous,
      status,
      comment: submission?.comment ?? null,
      editable: writable,
      actions: availableActions(context.actor, municipality.id, status),
      jumpThresholdPercent: await jumpThreshold(db),
      lines: lines.map(({ indicatorId: _, ...line }) => line),
      references,
      history: history.map((h) => ({
        fromStatus: h.from_status,
        toStatus: h.to_status,
        actor: h.actor,
        at: h.at,
        comment: h.comment,
      })),
    },
  };
}

/** A municipality's form for a period: indicators, values, previous values, status, history. */
export async function getEntryForm(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  context: AuditContext,
): Promise<EntryForm> {
  requirePeriod(period);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.read', {
    municipalityId: municipality.id,
    entityType: 'entry_form',
    entityId: `${code}/${period}`,
  });
  return (await loadForm(db, municipality, regionId, period, context)).form;
}

/**
 * Saves the values typed into a form: each changed value becomes a new revision (old → new,
 * author, time, source «форма ввода», the comment). Empty fields are left as they are. All
 * or nothing, in one transaction with its audit record.
 */
export async function saveEntryForm(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  input: EntrySave,
  context: AuditContext,
): Promise<EntryForm> {
  requirePeriod(period);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.write', {
    municipalityId: municipality.id,
    entityType: 'entry_form',
    entityId: `${code}/${period}`,
  });
  return db.transaction().execute(async (trx) => {
    // Saves of one municipality's forms take turns, so each revision follows the one stored.
    await lockForWrite(trx, 'municipalityData', municipality.id);
    const { lines, form } = await loadForm(trx, municipality, regionId, period, context);
    const refusal = editRefusal(context.actor, municipality.id, form.status);
    if (refusal) throw new RequestError(409, 'entry_closed', refusal);
    const byCode = new Map(lines.map((l) => [l.code, l]));
    const unknown = Object.keys(input.values).filter(
      (c) => !byCode.has(c) || byCode.get(c)?.formula !== null,
    );
    if (unknown.length > 0)
      throw new RequestError(
        400,
        'unknown_indicator',
        `В форме за этот период нет вводимых показателей: ${unknown.join(', ')}`,
      );
    const comments = input.comments ?? {};
    const problems = validateEntry({
      lines,
      values: input.values,
      comments,
      jumpThresholdPercent: form.jumpThresholdPercent,
      requireAll: false,
    });
    if (problems.length > 0) throw new EntryInvalidError(problems);
    const author = actorLabel(context.actor);
    const at = context.at.toISOString();
    const changes: { indicator: string; old: number | null; new: number }[] = [];
    /** What the form's lines hold once the changes are written: value, observation, note. */
    const written = new Map<string, Pick<EntryLine, 'value' | 'observationId' | 'note'>>();
    for (const [indicator, value] of Object.entries(input.values)) {
      const line = byCode.get(indicator) as (typeof lines)[number];
      const note = comments[indicator]?.trim() || null;
      // A comment given to a value that stands is kept as well, on a revision of its own:
      // revisions are never changed, and submitting reads the current one's comment.
      if (value === null || (value === line.value && (note === null || note === line.note)))
        continue;
      const observationId = await writeEnteredValue(trx, {
        municipalityId: municipality.id,
        indicatorId: line.indicatorId,
        period: line.storedPeriod,
        value,
        existing:
          line.observationId === null
            ? null
            : {
                id: line.observationId,
                value: line.value,
                revision: await currentRevision(trx, line.observationId),
              },
        source: ENTRY_SOURCE,
        author,
        at,
        note,
      });
      changes.push({ indicator, old: line.value, new: value });
      written.set(indicator, { value, observationId, note });
    }
    if (changes.length > 0)
      await recordAudit(trx, {
        context,
        action: 'observation.update',
        entityType: 'entry_form',
        entityId: `${code}/${period}`,
        after: { source: ENTRY_SOURCE, changes },
      });
    // The form as it now stands, without reading it again: a save changes only these lines.
    return {
      ...form,
      lines: form.lines.map((line) => {
        const now = written.get(line.code);
        return now ? { ...line, ...now } : line;
      }),
    };
  });
}

async function currentRevision(db: Kysely<Database>, observationId: number): Promise<number> {
  const row = await db
    .selectFrom('observation')
    .select('revision')
    .where('id', '=', observationId)
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** The problems that keep a form from being submitted: everything required, comments on jumps. */
export async function submissionProblems(
  db: Kysely<Database>,
  municipality: MunicipalityRef,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<EntryProblem[]> {
  const { lines, form } = await loadForm(db, municipality, regionId, period, context);
  return validateEntry({
    lines,
    values: Object.fromEntries(lines.map((l) => [l.code, l.value])),
    comments: Object.fromEntries(lines.map((l) => [l.code, l.note ?? undefined])),
    jumpThresholdPercent: form.jumpThresholdPercent,
    requireAll: true,
  });
}

/** The revisions of one value of a form: who, when, from which source (import file or form). */
export async function listEntryValueRevisions(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  indicatorCode: string,
  context: AuditContext,
): Promise<ValueRevision[]> {
  requirePeriod(period);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.read', {
    municipalityId: municipality.id,
    entityType: 'entry_form',
    entityId: `${code}/${period}`,
  });
  const { lines } = await loadForm(db, municipality, regionId, period, context);
  const line = lines.find((l) => l.code === indicatorCode);
  if (!line)
    throw new NotFoundError(`Показатель «${indicatorCode}» не входит в форму за ${period}`);
  return line.observationId === null ? [] : listRevisions(db, line.observationId);
}
