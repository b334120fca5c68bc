import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import type {
  SnapshotSummaryWithErrata,
  SnapshotViewWithErrata,
} from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { CodeSelect } from '../components/code-select.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PublishedRatingView } from '../components/published-rating-view.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { ratingPath } from '../routing/match-route.js';
import { navigate } from '../routing/use-location-path.js';

/**
 * «Рейтинг ОМСУ»: the list of published ratings and the chosen one's table, with each
 * municipality's explanation and, for a signed-in official, the own place.
 */
export function RatingPage({ code }: { code: string | null }) {
  useDocumentTitle('Рейтинг ОМСУ');
  const list = useApiData<SnapshotSummaryWithErrata[]>('/api/snapshots');
  // With no code in the address, the newest published rating (the API lists newest first).
  const selected = code ?? (list.status === 'ok' ? (list.data[0]?.code ?? null) : null);
  const snapshot = useApiData<SnapshotViewWithErrata>(
    selected === null ? null : `/api/snapshots/${encodeURIComponent(selected)}`,
  );

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Рейтинг ОМСУ</h1>
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState message={list.message} /> : null}
      {list.status === 'ok' && list.data.length === 0 && code === null ? (
        <p className="status">Опубликованных рейтингов пока нет.</p>
      ) : null}
      {list.status === 'ok' && selected !== null ? (
        <CodeSelect
          label="Рейтинг"
          testId="snapshot-select"
          value={selected}
          options={list.data.map((s) => ({
            code: s.code,
            label:
              `${s.title} (на ${formatDateRu(s.asOf)})` +
              (s.correctedBy.length > 0 ? ' — исправлен' : '') +
              (s.supersedes ? ' — исправление' : ''),
          }))}
          onChange={(next) => navigate(ratingPath(next))}
        />
      ) : null}
      {snapshot.status === 'loading' && list.status !== 'loading' ? <LoadingState /> : null}
      {snapshot.status === 'error' ? <ErrorState message={snapshot.message} /> : null}
      {snapshot.status === 'ok' ? (
        <PublishedRatingView key={snapshot.data.code} snapshot={snapshot.data} />
      ) : null}
    </section>
  );
}
