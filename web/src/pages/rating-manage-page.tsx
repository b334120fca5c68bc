import { useState } from 'react';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import type {
  StaffSnapshotSummary,
  StoredMethodology,
} from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { ComputeRatingForm } from '../components/compute-rating-form.js';
import { draftReviewLabel } from '../components/draft-review.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { MethodologySimulator } from '../components/methodology-simulator.js';
import { PermittedPage } from '../components/permitted-page.js';
import { RankUncertaintyPanel } from '../components/rank-uncertainty-panel.js';
import { SnapshotReview } from '../components/snapshot-review.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/**
 * «Расчёт рейтинга»: snapshots, a new computation, review and publication, the rank
 * uncertainty of a computed snapshot, the simulator.
 */
export function RatingManagePage() {
  useDocumentTitle('Расчёт рейтинга');
  return (
    <PermittedPage title="Расчёт и публикация рейтинга" permission="rating.compute">
      <RatingManagement />
    </PermittedPage>
  );
}

function RatingManagement() {
  // The cycle screen links here with the month (`?period=`) or the draft (`?snapshot=`).
  const query = new URLSearchParams(window.location.search);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(query.get('snapshot'));
  const snapshots = useApiData<StaffSnapshotSummary[]>(`/api/ratings?v=${version}`);
  const methodologies = useApiData<StoredMethodology[]>(`/api/methodologies?v=${version}`);
  if (snapshots.status === 'error') return <ErrorState message={snapshots.message} />;
  if (methodologies.status === 'error') return <ErrorState message={methodologies.message} />;
  if (snapshots.status !== 'ok' || methodologies.status !== 'ok') return <LoadingState />;
  const list = snapshots.data;
  const stored = methodologies.data;
  const takenCodes = list.map((s) => s.code);
  const chosen = list.find((s) => s.code === selected);
  const changed = (code: string) => {
    setSelected(code);
    setVersion((v) => v + 1);
  };

  return (
    <>
      <h2>Снимки рейтинга</h2>
      <SnapshotList snapshots={list} selected={selected} onOpen={setSelected} />
      {chosen ? (
        <SnapshotReview
          key={`${chosen.code}/${version}`}
          summary={chosen}
          stored={stored}
          takenCodes={takenCodes}
          onOpen={setSelected}
          onChanged={changed}
        />
      ) : null}
      {chosen && chosen.methodologyCode !== null ? (
        <RankUncertaintyPanel key={`uncertainty/${chosen.code}`} snapshotCode={chosen.code} />
      ) : null}
      <h2>Новый расчёт по данным базы</h2>
      <ComputeRatingForm
        key={`compute/${version}`}
        stored={stored}
        takenCodes={takenCodes}
        initialPeriod={query.get('period') ?? ''}
        onComputed={changed}
      />
      <h2>Симулятор методики</h2>
      <MethodologySimulator key={`simulate/${stored.length}`} stored={stored} />
    </>
  );
}

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

function SnapshotList({
  snapshots,
  selected,
  onOpen,
}: {
  snapshots: readonly StaffSnapshotSummary[];
  selected: string | null;
  onOpen: (code: string) => void;
}) {
  if (snapshots.length === 0) return <p className="status">Снимков рейтинга пока нет.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="staff-snapshots">
        <caption className="visually-hidden">Все снимки рейтинга, включая черновики</caption>
        <thead>
          <tr>
            <th scope="col">Снимок</th>
            <th scope="col">Период</th>
            <th scope="col">Методика</th>
            <th scope="col">Состояние</th>
            <th scope="col">Контрольная сумма</th>
            <th scope="col">Исправления</th>
            <th scope="col">
              <span className="visually-hidden">Действия</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <tr
              key={s.code}
              data-testid="staff-snapshot-row"
              data-code={s.code}
              aria-current={s.code === selected ? 'true' : undefined}
            >
              <th scope="row">
                {s.title}
                <br />
                <code>{s.code}</code>
              </th>
              <td>{s.period}</td>
              <td>{s.methodologyCode ?? 'из документа'}</td>
              <td data-testid="snapshot-state">
                {s.publishedAt ? (
                  `опубликован ${formatDateRu(s.publishedAt)}`
                ) : (
                  <>
                    черновик
                    <br />
                    <span data-testid="snapshot-review-state">{draftReviewLabel(s.review)}</span>
                  </>
                )}
              </td>
              <td>
                <code className="hash" title={s.contentHash}>
                  {shortHash(s.contentHash)}
                </code>
              </td>
              <td>
                {s.supersedes ? (
                  <p>
                    исправляет{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpen(s.supersedes?.code ?? '')}
                    >
                      {s.supersedes.code}
                    </button>
                    {s.errataNote ? `: ${s.errataNote}` : null}
                  </p>
                ) : null}
                {s.correctedBy.map((c) => (
                  <p key={c.code}>
                    {c.publishedAt ? 'исправлен снимком' : 'черновик исправления'}{' '}
                    <button type="button" className="link-button" onClick={() => onOpen(c.code)}>
                      {c.code}
                    </button>
                  </p>
                ))}
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(s.code)}
                  aria-label={`Открыть снимок ${s.code}`}
                >
                  Открыть
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
