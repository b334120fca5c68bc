import { type FormEvent, useState } from 'react';
import type { CrossCheckRow, SourceValue } from '../../../src/domain/cross-check.js';
import { formatDateTimeRu } from '../../../src/domain/russian-date-format.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { sendJson } from '../api/send-json.js';

const number = (v: number | null) => (v === null ? '—' : formatNumberRu(v, 0));

function Provenance({ value }: { value: SourceValue }) {
  return (
    <>
      <strong>{number(value.value)}</strong>
      <br />
      <small>
        {value.source}
        {value.row === null ? '' : `, строка ${value.row}`}; {value.author};{' '}
        {formatDateTimeRu(value.recordedAt)} ({value.ageDays} дн. назад)
      </small>
    </>
  );
}

/** One comparison: both values with provenance and age, and the analyst's choice. */
export function DiscrepancyRow({
  row,
  onResolved,
}: {
  row: CrossCheckRow;
  onResolved: () => void;
}) {
  const [choice, setChoice] = useState<'report' | 'extract'>('extract');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await sendJson('POST', '/api/crosscheck/resolutions', {
        observationId: row.observationId,
        reportRevision: row.report.revision,
        extractRevision: row.extract.revision,
        choice,
        reason,
      });
      onResolved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const percent =
    row.relativePercent === null ? '' : ` (${formatNumberRu(row.relativePercent, 2)} %)`;
  return (
    <tr data-status={row.status}>
      <td>{row.municipalityName}</td>
      <td>
        {row.indicatorName} ({row.unit}), {row.period}
      </td>
      <td>
        <Provenance value={row.report} />
      </td>
      <td>
        <Provenance value={row.extract} />
      </td>
      <td>
        {number(row.difference)}
        {percent}
      </td>
      <td>
        {row.status === 'open' ? (
          <form onSubmit={resolve} aria-label={`Решение: ${row.municipalityName}`}>
            <select
              aria-label="Засчитать"
              value={choice}
              onChange={(e) => setChoice(e.target.value as 'report' | 'extract')}
            >
              <option value="report">отчёт ОМСУ</option>
              <option value="extract">выгрузку {row.extract.sourceSystem}</option>
            </select>
            <input
              aria-label="Обоснование"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button">
              Засчитать
            </button>
            {error ? (
              <p className="status status--error" role="alert">
                {error}
              </p>
            ) : null}
          </form>
        ) : row.resolution ? (
          `засчитано ${number(row.resolution.chosenValue)}: ${row.resolution.reason} (${row.resolution.resolvedBy})`
        ) : (
          'в пределах допуска'
        )}
      </td>
    </tr>
  );
}
