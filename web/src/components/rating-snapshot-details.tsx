import type { RatingSnapshotView } from '../../../src/domain/rating-snapshot.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { RatingTable } from './rating-table.js';
import { SourceDetails } from './source-details.js';

/** One published rating: what it is, where it comes from, the table, and its fingerprint. */
export function RatingSnapshotDetails({ snapshot }: { snapshot: RatingSnapshotView }) {
  return (
    <article className="document" aria-labelledby="snapshot-title" data-testid="rating-snapshot">
      <header className="document__head">
        <h2 id="snapshot-title">{snapshot.title}</h2>
        <p className="as-of" data-testid="as-of">
          по состоянию на {formatDateRu(snapshot.asOf)}
        </p>
        <SourceDetails source={snapshot.source} />
        {snapshot.notes.length > 0 ? (
          <ul className="notes" data-testid="snapshot-notes">
            {snapshot.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </header>
      <RatingTable snapshot={snapshot} />
      <footer className="document__meta">
        <p data-testid="content-hash">
          Контрольная сумма: <code className="hash">{snapshot.contentHash}</code>
        </p>
        {snapshot.publishedAt ? (
          <p data-testid="published-at">опубликован {formatDateRu(snapshot.publishedAt)}</p>
        ) : null}
      </footer>
    </article>
  );
}
