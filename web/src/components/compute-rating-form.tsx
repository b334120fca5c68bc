import { type FormEvent, useState } from 'react';
import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import type {
  SnapshotSummaryWithErrata,
  StoredMethodology,
} from '../../../src/server/features/rating/rating-schemas.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import {
  defaultPick,
  MethodologyPicker,
  methodologyCode,
  methodologyDocument,
  type PickedMethodology,
} from './methodology-picker.js';
import {
  firstDayAfter,
  leafCodes,
  monthRatingPeriod,
  versionInForce,
} from './month-rating-period.js';

/** The indicator codes a picked methodology ranks (the version in force in `month`). */
function pickedCodes(
  picked: PickedMethodology | null,
  stored: readonly StoredMethodology[],
  month: string,
): string[] {
  if (!picked) return [];
  const definition =
    picked.source === 'in-force'
      ? versionInForce(stored, picked.code, month)?.definition
      : methodologyDocument(picked);
  return leafCodes((definition as { tree?: unknown } | undefined)?.tree);
}

/** A snapshot code from a methodology code and a period: `orenburg-digital-annual-2022`. */
const suggestedCode = (methodology: string | null, period: string): string =>
  [methodology ?? 'rating', period]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

/** The next free code for a correction: `code-r1`, `code-r2`… */
function correctionCode(code: string, taken: readonly string[]): string {
  const base = code.replace(/-r\d+$/, '');
  for (let n = 1; ; n++) if (!taken.includes(`${base}-r${n}`)) return `${base}-r${n}`;
}

interface ComputeRatingFormProps {
  stored: readonly StoredMethodology[];
  /** Codes already used, for suggesting a free one. */
  takenCodes: readonly string[];
  /** A published snapshot being corrected: the form then asks for the errata note. */
  correcting?: SnapshotSummaryWithErrata | undefined;
  /**
   * The month to compute, when the page was opened for one (from the month's cycle): the
   * period is then the month, or the first day after it for stocks on a date (Table 1).
   */
  initialPeriod?: string | undefined;
  onComputed: (code: string) => void;
  onCancel?: (() => void) | undefined;
}

/**
 * Computes a new unpublished snapshot from the stored data of a period under a methodology
 * (POST /api/ratings); with `correcting`, an errata snapshot linked to the published one.
 */
export function ComputeRatingForm({
  stored,
  takenCodes,
  correcting,
  initialPeriod = '',
  onComputed,
  onCancel,
}: ComputeRatingFormProps) {
  const initial = correcting
    ? stored.find((m) => m.code === correcting.methodologyCode)
    : undefined;
  const [picked, setPicked] = useState<PickedMethodology | null>(defaultPick(stored, initial));
  const month = correcting || firstDayAfter(initialPeriod) === '' ? '' : initialPeriod;
  const [typedPeriod, setPeriod] = useState<string | null>(
    correcting ? correcting.period : month === '' ? initialPeriod : null,
  );
  // Until the analyst types a period, a month's follows the methodology's indicators.
  const registry = useApiData<IndicatorSummary[]>(month === '' ? null : '/api/indicators');
  const periodicity = new Map<string, string>(
    registry.status === 'ok' ? registry.data.map((i) => [i.code, i.periodicity]) : [],
  );
  const period =
    typedPeriod ?? monthRatingPeriod(month, pickedCodes(picked, stored, month), periodicity);
  const [asOf, setAsOf] = useState(correcting?.asOf ?? firstDayAfter(initialPeriod));
  const [code, setCode] = useState(correcting ? correctionCode(correcting.code, takenCodes) : '');
  const [title, setTitle] = useState(correcting?.title ?? '');
  const [sourceNote, setSourceNote] = useState('');
  const [errataNote, setErrataNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const placeholder = suggestedCode(picked ? methodologyCode(picked) : null, period);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return setProblem('Выберите методику или загрузите её из файла.');
    const finalCode = code.trim() || placeholder;
    setBusy(true);
    setProblem(null);
    try {
      await sendJson('POST', '/api/ratings', {
        code: finalCode,
        title: title.trim(),
        period: period.trim(),
        asOf,
        methodology: methodologyDocument(picked),
        ...(sourceNote.trim() ? { sourceNote: sourceNote.trim() } : {}),
        ...(correcting
          ? { supersedes: { code: correcting.code, errataNote: errataNote.trim() } }
          : {}),
      });
      onComputed(finalCode);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form rating-form" onSubmit={submit} data-testid="compute-form">
      {correcting ? (
        <p className="hint">
          Исправление опубликованного рейтинга «{correcting.title}» ({correcting.code}): будет
          рассчитан новый снимок по текущим данным базы, связанный с прежним; после проверки его
          нужно опубликовать. Прежний снимок не меняется и остаётся доступен с пометкой об
          исправлении.
        </p>
      ) : null}
      <MethodologyPicker
        label="Методика"
        stored={stored}
        initial={initial}
        onChange={setPicked}
        testId="compute-methodology"
        offerInForce
      />
      <label>
        Период данных
        <input
          required
          value={period}
          placeholder="2022, 2017-Q1, 2017-02 или 2016-03-01"
          pattern="\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
          title="Год (2022), квартал (2017-Q1), месяц (2017-02) или дата (2016-03-01)"
          onChange={(e) => setPeriod(e.target.value)}
          data-testid="compute-period"
        />
      </label>
      <label>
        По состоянию на
        <input
          required
          type="date"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          data-testid="compute-as-of"
        />
      </label>
      <label>
        Название
        <input
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="compute-title"
        />
      </label>
      <label>
        Код снимка (латиница, цифры, дефис)
        <input
          value={code}
          placeholder={placeholder}
          pattern="[a-z0-9\-]{1,100}"
          onChange={(e) => setCode(e.target.value)}
          data-testid="compute-code"
        />
      </label>
      <label>
        Примечание к источнику (необязательно)
        <input
          maxLength={2000}
          value={sourceNote}
          onChange={(e) => setSourceNote(e.target.value)}
        />
      </label>
      {correcting ? (
        <label>
          Что исправлено и почему (текст errata, публикуется)
          <textarea
            required
            maxLength={2000}
            rows={3}
            value={errataNote}
            onChange={(e) => setErrataNote(e.target.value)}
            data-testid="errata-note"
          />
        </label>
      ) : null}
      {problem ? (
        <p className="status status--error" role="alert" data-testid="compute-error">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Расчёт…' : correcting ? 'Рассчитать исправление' : 'Рассчитать черновик'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Отмена
          </button>
        ) : null}
      </div>
    </form>
  );
}
