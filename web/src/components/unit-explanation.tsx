import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type { UnitExplanationView } from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';

type IndicatorRef = UnitExplanationView['strengths'][number];

const withUnit = (value: number | null, ref: IndicatorRef, decimals = 2) =>
  `${formatNumberRu(value, decimals)}${ref.unit && value !== null ? ` ${ref.unit}` : ''}`;

/** Enough decimals for a small change to show (0,425 → 0,4279 rather than 0,43 → 0,43). */
const decimalsFor = (change: number): number =>
  change === 0 ? 2 : Math.min(6, Math.max(2, Math.ceil(-Math.log10(Math.abs(change))) + 1));

const names = (refs: readonly IndicatorRef[]) => refs.map((r) => `«${r.name}»`).join(', ');

/**
 * Why a unit has its place, as the snapshot stored it: each indicator's contribution to the
 * index (effective weight × normalised score), strengths and weaknesses, and how much each
 * indicator alone would have to change to overtake the unit above.
 */
export function UnitExplanation({
  snapshotCode,
  municipalityCode,
  onClose,
}: {
  snapshotCode: string;
  municipalityCode: string;
  onClose: () => void;
}) {
  const data = useApiData<UnitExplanationView>(
    `/api/ratings/${encodeURIComponent(snapshotCode)}/explanations/${encodeURIComponent(municipalityCode)}`,
  );
  if (data.status === 'loading' || data.status === 'idle') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} />;
  const e = data.data;
  const scoreDecimals = e.outputScale === 1 ? 3 : 1;
  return (
    <section
      className="explanation"
      aria-labelledby="explanation-title"
      data-testid="unit-explanation"
      data-municipality={e.municipality.code}
    >
      <h3 id="explanation-title">Объяснение: {e.municipality.name}</h3>
      <p data-testid="explanation-summary">
        {e.place === null
          ? 'Без места в рейтинге.'
          : `Место ${e.place}, значение индекса ${formatNumberRu(e.score, scoreDecimals)}.`}
        {e.overtakes ? ` Место выше занимает ${e.overtakes.name}.` : null}
      </p>
      {e.reasons.length > 0 ? (
        <ul className="notes">
          {e.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <div className="table-scroll">
        <table className="data-table" data-testid="contributions">
          <caption>Вклад показателей в индекс (эффективный вес × нормированный балл)</caption>
          <thead>
            <tr>
              <th scope="col">Показатель</th>
              <th scope="col" className="num">
                Значение
              </th>
              <th scope="col" className="num">
                Нормированный балл
              </th>
              <th scope="col" className="num">
                Эффективный вес, %
              </th>
              <th scope="col" className="num">
                Вклад в индекс
              </th>
            </tr>
          </thead>
          <tbody>
            {e.contributions.map((c) => (
              <tr key={c.indicator} data-indicator={c.indicator}>
                <th scope="row">{c.name}</th>
                <td className="num">{withUnit(c.value, c)}</td>
                <td className="num">{formatNumberRu(c.score, 2)}</td>
                <td className="num">{formatNumberRu(c.effectiveWeight * 100, 1)}</td>
                <td className="num" data-testid="contribution">
                  {formatNumberRu(c.contribution, scoreDecimals + 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {e.strengths.length > 0 ? (
        <p data-testid="strengths">Сильные стороны: {names(e.strengths)}.</p>
      ) : null}
      {e.weaknesses.length > 0 ? (
        <p data-testid="weaknesses">Слабые стороны: {names(e.weaknesses)}.</p>
      ) : null}
      {e.overtakes === null ? null : (
        <>
          <h4>Что поднимет на место выше</h4>
          {e.improvements.length > 0 ? (
            <table className="data-table" data-testid="improvements">
              <caption className="visually-hidden">
                Изменение одного показателя при прочих равных, достаточное, чтобы обойти{' '}
                {e.overtakes.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Показатель</th>
                  <th scope="col" className="num">
                    Сейчас
                  </th>
                  <th scope="col" className="num">
                    Нужно
                  </th>
                  <th scope="col" className="num">
                    Изменение
                  </th>
                </tr>
              </thead>
              <tbody>
                {e.improvements.map((i) => (
                  <tr key={i.indicator} data-indicator={i.indicator}>
                    <th scope="row">
                      {i.name}
                      {i.method === 'numerical' ? ' (оценка численным методом)' : null}
                    </th>
                    <td className="num">{withUnit(i.from, i, decimalsFor(i.change))}</td>
                    <td className="num">{withUnit(i.to, i, decimalsFor(i.change))}</td>
                    <td className="num">
                      {i.change > 0 ? '+' : ''}
                      {formatNumberRu(i.change, decimalsFor(i.change))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {e.unreachable.length > 0 ? (
            <p>Одним только показателем не обойти: {names(e.unreachable)}.</p>
          ) : null}
        </>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Закрыть объяснение
      </button>
    </section>
  );
}
