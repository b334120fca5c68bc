import { useEffect, useRef } from 'react';
import {
  changeText,
  decimalsFor,
  moveUpSummary,
  valueText,
  withUnit,
} from '../../../src/domain/explanation-wording.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type { UnitExplanationView } from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';

type IndicatorRef = UnitExplanationView['strengths'][number];

const names = (refs: readonly IndicatorRef[]) => refs.map((r) => `«${r.name}»`).join(', ');

/**
 * Where the explanation comes from: a published rating's is public, a draft's only the
 * department's (the staff route also serves published ones, for the review page).
 */
export type ExplanationSource = 'published' | 'staff';

const explanationUrl = (source: ExplanationSource, snapshot: string, municipality: string) =>
  `/api/${source === 'published' ? 'snapshots' : 'ratings'}/${encodeURIComponent(snapshot)}` +
  `/explanations/${encodeURIComponent(municipality)}`;

/**
 * Why a unit has its place, as the snapshot stored it: each indicator's contribution to the
 * index (effective weight × normalised score), strengths and weaknesses, and how much each
 * indicator alone would have to change to overtake the unit above.
 */
export function UnitExplanation({
  snapshotCode,
  municipalityCode,
  source,
  own = false,
  focusOnOpen = false,
  onClose,
}: {
  snapshotCode: string;
  municipalityCode: string;
  source: ExplanationSource;
  /** The signed-in official's own municipality: marked «Ваше место». */
  own?: boolean;
  /** Opened by the reader (not by default): focus moves to its title. */
  focusOnOpen?: boolean;
  onClose: () => void;
}) {
  const data = useApiData<UnitExplanationView>(
    explanationUrl(source, snapshotCode, municipalityCode),
  );
  const title = useRef<HTMLHeadingElement>(null);
  const loaded = data.status === 'ok';
  useEffect(() => {
    if (loaded && focusOnOpen) title.current?.focus();
  }, [loaded, focusOnOpen]);
  if (data.status === 'loading' || data.status === 'idle') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} />;
  const e = data.data;
  const scoreDecimals = e.outputScale === 1 ? 3 : 1;
  return (
    <section
      className={`explanation${own ? ' explanation--own' : ''}`}
      id="unit-explanation"
      aria-labelledby="explanation-title"
      data-testid="unit-explanation"
      data-municipality={e.municipality.code}
    >
      <h3 id="explanation-title" ref={title} tabIndex={-1}>
        Объяснение: {e.municipality.name}
        {own ? (
          <>
            {' '}
            <span className="own-mark">Ваше место</span>
          </>
        ) : null}
      </h3>
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
                <td className="num">{withUnit(valueText(c.value, c), c)}</td>
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
      <MoveUp explanation={e} />
      <button type="button" className="button button--secondary" onClick={onClose}>
        Закрыть объяснение
      </button>
    </section>
  );
}

/**
 * «Что поднимет место»: per indicator, holding the others, the value that overtakes the unit
 * directly above, in the indicator's own unit; or why there is nothing to show.
 */
function MoveUp({ explanation: e }: { explanation: UnitExplanationView }) {
  const summary = moveUpSummary(e);
  return (
    <section className="move-up" aria-labelledby="move-up-title" data-testid="move-up">
      <h4 id="move-up-title">Что поднимет место</h4>
      <p data-testid="move-up-summary">{summary}</p>
      {e.overtakes !== null && e.improvements.length > 0 ? (
        <div className="table-scroll">
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
              {e.improvements.map((i) => {
                const decimals = decimalsFor(i.change, i);
                return (
                  <tr key={i.indicator} data-indicator={i.indicator}>
                    <th scope="row">
                      {i.name}
                      {i.method === 'numerical' ? ' (оценка численным методом)' : null}
                    </th>
                    <td className="num">{withUnit(formatNumberRu(i.from, decimals), i)}</td>
                    <td className="num">{withUnit(formatNumberRu(i.to, decimals), i)}</td>
                    <td className="num" data-testid="improvement-change">
                      {changeText(i.change, i, decimals)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {e.overtakes !== null && e.improvements.length > 0 && e.unreachable.length > 0 ? (
        <p>Одним только показателем не обойти: {names(e.unreachable)}.</p>
      ) : null}
    </section>
  );
}
