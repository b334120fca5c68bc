import type { ReactNode } from 'react';
import type { SnapshotRow } from '../../../src/domain/rating-snapshot.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import type {
  SnapshotLink,
  SnapshotViewWithErrata,
} from '../../../src/server/features/rating/rating-schemas.js';
import { Link } from '../routing/link.js';
import { ratingPath } from '../routing/match-route.js';
import { ErrataNotice } from './errata-notice.js';
import { RatingTable } from './rating-table.js';
import { SourceDetails } from './source-details.js';

const publicLink = (link: SnapshotLink) => <Link href={ratingPath(link.code)}>{link.title}</Link>;

/**
 * One rating: what it is, where it comes from, its errata, the table, and its fingerprint.
 * The staff's review passes its own links between snapshots; both it and the public page
 * pass a per-row action (the explanation) and content between the head and the table.
 */
export function RatingSnapshotDetails({
  snapshot,
  linkTo = publicLink,
  rowAction,
  ownCodes,
  children,
}: {
  snapshot: SnapshotViewWithErrata;
  linkTo?: (link: SnapshotLink) => ReactNode;
  rowAction?: ((row: SnapshotRow) => ReactNode) | undefined;
  /** The signed-in official's municipalities, marked in the table. */
  ownCodes?: ReadonlySet<string>;
  /** Shown between the head and the table (the staff's actions and explanations). */
  children?: ReactNode;
}) {
  // A snapshot taken from a document may carry the source's note among its own notes too:
  // it is printed once, with the source.
  const notes = snapshot.notes.filter((note) => note !== snapshot.source.note);
  return (
    <article className="document" aria-labelledby="snapshot-title" data-testid="rating-snapshot">
      <header className="document__head">
        <h2 id="snapshot-title">{snapshot.title}</h2>
        <p className="as-of" data-testid="as-of">
          по состоянию на {formatDateRu(snapshot.asOf)}
        </p>
        <SourceDetails source={snapshot.source} />
        {notes.length > 0 ? (
          <ul className="notes" data-testid="snapshot-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        <ErrataNotice snapshot={snapshot} linkTo={linkTo} />
      </header>
      {children}
      <RatingTable snapshot={snapshot} rowAction={rowAction} ownCodes={ownCodes} />
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
