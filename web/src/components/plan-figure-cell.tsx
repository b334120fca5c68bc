import type { PlanFigure } from '../../../src/domain/plan-execution.js';
import { formatNumberRu, formatPercentRu } from '../../../src/domain/russian-number-format.js';

export const DISCREPANCY_EXPLANATION =
  'расхождение с документом-источником больше погрешности округления';

const formatFigure = (figure: PlanFigure, value: number | null): string =>
  figure.unit === '%'
    ? formatPercentRu(value, figure.decimals)
    : formatNumberRu(value, figure.decimals);

/** A computed figure; where the source printed a different one, that one is shown too. */
export function PlanFigureCell({ figure }: { figure: PlanFigure | undefined }) {
  if (figure === undefined) return <td className="num">—</td>;
  const differs = figure.agreement === 'differs';
  return (
    <td
      className={differs ? 'num figure figure--differs' : 'num figure'}
      data-figure={figure.key}
      data-agreement={figure.agreement}
      title={
        figure.agreement === 'not-computable' ? 'не вычисляется: нет исходных данных' : undefined
      }
    >
      <span className="figure__value">{formatFigure(figure, figure.computed)}</span>
      {differs ? (
        <span className="figure__printed" title={DISCREPANCY_EXPLANATION}>
          <span className="warn-mark" aria-hidden="true">
            ⚠
          </span>
          <span className="visually-hidden">{DISCREPANCY_EXPLANATION}; </span>в источнике:{' '}
          {formatFigure(figure, figure.printed)}
        </span>
      ) : null}
    </td>
  );
}
