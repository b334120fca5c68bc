import { useState } from 'react';
import { BOARD_FILTER_LABELS } from '../../../src/domain/collection-board.js';
import { entryPeriodLabel } from '../../../src/domain/entry-period.js';
import type { MonthlyCycle } from '../../../src/domain/monthly-cycle.js';
import { RATING_STATE_LABELS, ratingState } from '../../../src/domain/rating-review.js';
import { formatDateTimeRu } from '../../../src/domain/russian-date-format.js';
import { useApiData } from '../api/use-api-data.js';
import { CycleSteps } from '../components/cycle-steps.js';
import { reviewLine } from '../components/draft-review.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { MonthForm } from '../components/month-form.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Цикл месяца»: a month from the municipalities' data to the published rating. */
export function CyclePage() {
  useDocumentTitle('Цикл месяца');
  return (
    <PermittedPage title="Цикл месяца" permission="summaries.read">
      <MonthForm
        example="2017-04"
        initial={new URLSearchParams(window.location.search).get('period') ?? ''}
      >
        {(period) => <Cycle key={period} period={period} />}
      </MonthForm>
    </PermittedPage>
  );
}

function Cycle({ period }: { period: string }) {
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const cycle = useApiData<MonthlyCycle>(`/api/cycle/${period}?v=${version}`);
  if (cycle.status === 'error') return <ErrorState message={cycle.message} />;
  if (cycle.status !== 'ok') return <LoadingState />;
  const { board, imports, ratings, unapproved } = cycle.data;
  const counts: [string, number][] = [
    ['ОМСУ всего', board.counts.total],
    ['заполнено полностью', board.counts.complete],
    [BOARD_FILTER_LABELS.not_started, board.counts.notStarted],
    [BOARD_FILTER_LABELS.submitted, board.counts.submitted],
    [BOARD_FILTER_LABELS.approved, board.counts.approved],
    [BOARD_FILTER_LABELS.late, board.counts.late],
  ];
  return (
    <>
      <h2>{entryPeriodLabel(period)}: данные ОМСУ</h2>
      <dl className="cycle-counts" data-testid="cycle-counts">
        {counts.map(([label, n]) => (
          <div key={label} data-count={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {unapproved.length > 0 ? (
        <p className="status" data-testid="cycle-unapproved">
          Не утверждены: {unapproved.map((u) => u.name).join(', ')}
        </p>
      ) : null}
      <h2>Загруженные выгрузки</h2>
      {imports.length === 0 ? (
        <p className="status">За этот месяц выгрузки не загружались.</p>
      ) : (
        <ul data-testid="cycle-imports">
          {imports.map((b) => (
            <li key={b.id}>
              №{b.id} «{b.fileName}» ({b.sourceSystem ?? 'система не указана'}),{' '}
              {formatDateTimeRu(b.importedAt)}, {b.author}: значений {b.valuesRead}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/data/crosscheck?period=${period}`} data-testid="cycle-crosscheck">
          Расхождения источников за {entryPeriodLabel(period)}
        </a>
      </p>
      <h2>Рейтинги месяца</h2>
      {ratings.length === 0 ? (
        <p className="status">Рейтинг за этот месяц ещё не рассчитан.</p>
      ) : (
        <ul data-testid="cycle-ratings">
          {ratings.map((r) => (
            <li key={r.code} data-code={r.code}>
              «{r.title}» ({r.code}):{' '}
              <span data-testid="cycle-rating-state" data-state={ratingState(r)}>
                {r.publishedAt !== null
                  ? `${RATING_STATE_LABELS.published} ${formatDateTimeRu(r.publishedAt)}`
                  : r.review
                    ? reviewLine(r.review)
                    : `${RATING_STATE_LABELS.computed}, не проверен`}
              </span>
              {r.overrideReason ? ` — опубликован без утверждения: ${r.overrideReason}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>Следующие шаги</h2>
      {done ? (
        <p className="status status--ok" role="status">
          {done}
        </p>
      ) : null}
      <CycleSteps
        cycle={cycle.data}
        onChanged={(what) => {
          setDone(what);
          setVersion((v) => v + 1);
        }}
      />
    </>
  );
}
