import type { ReactNode } from 'react';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import type {
  SnapshotLink,
  SnapshotViewWithErrata,
} from '../../../src/server/features/rating/rating-schemas.js';

/**
 * The errata entry of a rating: this one corrects an earlier one (and why), or a later one
 * corrects this (and why). A corrected rating stays readable; the reader is told where the
 * corrected figures are.
 */
export function ErrataNotice({
  snapshot,
  linkTo,
}: {
  snapshot: Pick<SnapshotViewWithErrata, 'supersedes' | 'errataNote' | 'correctedBy'>;
  linkTo: (link: SnapshotLink) => ReactNode;
}) {
  if (snapshot.supersedes === null && snapshot.correctedBy.length === 0) return null;
  return (
    <div className="errata" data-testid="errata">
      {snapshot.supersedes ? (
        <p data-testid="errata-supersedes">
          <strong>Исправление (errata)</strong> рейтинга «{linkTo(snapshot.supersedes)}»
          {snapshot.errataNote ? `: ${snapshot.errataNote}` : null}
        </p>
      ) : null}
      {snapshot.correctedBy.map((c) => (
        <p key={c.code} data-testid="errata-corrected-by">
          <strong>
            {c.publishedAt ? 'Рейтинг исправлен' : 'Подготовлено исправление (не опубликовано)'}
          </strong>
          {c.publishedAt ? ` ${formatDateRu(c.publishedAt)}` : null}: {c.errataNote}. Исправленный
          рейтинг — «{linkTo(c)}».
        </p>
      ))}
    </div>
  );
}
