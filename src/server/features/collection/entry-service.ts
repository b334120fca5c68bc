import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { readEntryFormRows } from '../../../db/repositories/entry-form-repository.js';
import {
  type TypedValue,
  writeEnteredValues,
} from '../../../db/repositories/entry-observation-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  EntryForm,
  EntryLine,
  EntryProblem,
  EntrySave,
  SubmissionStatus,
} from '../../../domain/entry-form.js';
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
  lines: FormLine[];
  form: EntryForm;
  /** The form's row of the workflow, if it has left the draft once. */
  submission: { id: number; submittedAt: string | null } | null;
}

/** A line of the form with what writing it needs: the indicator and the stored revision. */
type FormLine = EntryLine & {
  indicatorId: number;
  revision: number | null;
  /** Whether the current revision has its row (an imported first version has none yet). */
  revisionStored: boolean;
};

const jumpThreshold = (stored: string | null): number => {
  const n = Number(stored);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_JUMP_THRESHOLD_PERCENT;
};

async function loadForm(
  db: Kysely<Database>,
  municipality: MunicipalityRef,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<LoadedForm> {
  const kind = entryPeriodKind(period) as EntryPeriodKind;
  const previous = previousEntryPeriod(period);
  // Every period a line may be stored under (a stock counts on the next month's first day):
  // the statement reads them all before it knows the indicators' periodicities.
  const periods = [
    period,
    previous,
    storedPeriod('on_date', period),
    storedPeriod('on_date', previous),
  ];
  const rows = await readEntryFormRows(db, {
    regionId,
    municipalityId: municipality.id,
    period,
    periods,
    referenceYear: referenceYear(period),
    settingKey: JUMP_THRESHOLD_SETTING,
  });
  const indicators = rows.indicators.filter((i) => formCollects(kind, i.periodicity));
  const find = (indicatorId: number, p: string) =>
    rows.observations.find((o) => o.indicator_id === indicatorId && o.period === p);
  const lines = indicators.map((i): FormLine => {
    const stored = storedPeriod(i.periodicity, period);
    const now = find(i.id, stored);
    return {
      indicatorId: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      rangeMin: i.range_min,
      rangeMax: i.range_max,
      decimals: i.decimals,
      formula: i.formula,
      storedPeriod: stored,
      value: now?.value ?? null,
      observationId: now?.id ?? null,
      previousValue: find(i.id, storedPeriod(i.periodicity, previous))?.value ?? null,
      note: now?.note ?? null,
      revision: now?.revision ?? null,
      revisionStored: now !== undefined && now.revision_stored === now.revision,
    };
  });
  const submission = rows.submission;
  const status = submission?.status ?? 'draft';
  const writable =
    editRefusal(context.actor, municipality.id, status) === null &&
    isAllowed(context.actor, 'municipality-data.write', { municipalityId: municipality.id });
  return {
    municipality,
    lines,
    submission: submission ? { id: submission.id, submittedAt: submission.submitted_at } : null,
    form: {
      municipality,
      period,
      previousPeriod: previous,
      status,
      comment: submission?.comment ?? null,
      editable: writable,
      actions: availableActions(context.actor, municipality.id, status),
      jumpThresholdPercent: jumpThreshold(rows.setting),
      lines: lines.map(({ indicatorId: _, revision: _r, revisionStored: _s, ...line }) => line),
      references: Object.fromEntries(rows.references.map((r) => [r.kind, r.value])),
      history: rows.history.map((h) => ({
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
    const changes: { indicator: string; old: number | null; new: number }[] = [];
    const typed: (TypedValue & { code: string })[] = [];
    for (const [indicator, value] of Object.entries(input.values)) {
      const line = byCode.get(indicator) as FormLine;
      const note = comments[indicator]?.trim() || null;
      // A comment given to a value that stands is kept as well, on a revision of its own:
      // revisions are never changed, and submitting reads the current one's comment.
      if (value === null || (value === line.value && (note === null || note === line.note)))
        continue;
      typed.push({
        code: indicator,
        indicatorId: line.indicatorId,
        period: line.storedPeriod,
        value,
        oldValue: line.value,
        firstRevisionMissing:
          line.observationId !== null && !line.revisionStored
            ? { observationId: line.observationId }
            : null,
        note,
      });
      changes.push({ indicator, old: line.value, new: value });
    }
    const ids = await writeEnteredValues(trx, municipality.id, typed, {
      source: ENTRY_SOURCE,
      author: actorLabel(context.actor),
      at: context.at.toISOString(),
    });
    /** What the form's lines hold once the changes are written: value, observation, note. */
    const written = new Map<string, Pick<EntryLine, 'value' | 'observationId' | 'note'>>(
      typed.map((t) => [
        t.code,
        { value: t.value, observationId: ids.get(t.indicatorId) as number, note: t.note },
      ]),
    );
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

/**
 * The form's workflow row and the problems that keep it from being submitted (everything
 * required, comments on jumps), from one read of the form.
 */
export async function submissionCheck(
  db: Kysely<Database>,
  municipality: MunicipalityRef,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<{
  status: SubmissionStatus;
  submission: LoadedForm['submission'];
  problems: EntryProblem[];
}> {
  const { lines, form, submission } = await loadForm(db, municipality, regionId, period, context);
  const problems = validateEntry({
    lines,
    values: Object.fromEntries(lines.map((l) => [l.code, l.value])),
    comments: Object.fromEntries(lines.map((l) => [l.code, l.note ?? undefined])),
    jumpThresholdPercent: form.jumpThresholdPercent,
    requireAll: true,
  });
  return { status: form.status, submission, problems };
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
