import { useState } from 'react';
import { RATING_STATE_LABELS, type RatingReview } from '../../../src/domain/rating-review.js';
import { formatDateTimeRu } from '../../../src/domain/russian-date-format.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';

/** «проверен — analyst, 06.12.2026 10:00:00: remark». */
export const reviewLine = (r: RatingReview): string =>
  `${RATING_STATE_LABELS.reviewed} — ${r.reviewedBy}, ${formatDateTimeRu(r.reviewedAt)}` +
  (r.remark ? `: ${r.remark}` : '');

/** A draft's review in the staff's list of snapshots: «Проверен: analyst, 06.12.2026 10:00:00». */
export const draftReviewLabel = (r: RatingReview | null): string =>
  r ? `Проверен: ${r.reviewedBy}, ${formatDateTimeRu(r.reviewedAt)}` : 'Не проверен';

/**
 * A draft's review state (рассчитан / проверен / опубликован) and, while nobody has reviewed
 * it, the button that records the analyst's review with an optional remark.
 */
export function DraftReview({
  code,
  published,
  onReviewed,
}: {
  code: string;
  published: boolean;
  /** The review was recorded (the list of snapshots shows it). */
  onReviewed?: (() => void) | undefined;
}) {
  const [version, setVersion] = useState(0);
  const [remark, setRemark] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const answer = useApiData<{ review: RatingReview | null }>(
    `/api/ratings/${encodeURIComponent(code)}/review?v=${version}`,
  );
  if (answer.status !== 'ok') return null;
  const review = answer.data.review;
  const mark = async () => {
    setProblem(null);
    try {
      await sendJson('POST', `/api/ratings/${encodeURIComponent(code)}/review`, {
        ...(remark.trim() ? { remark: remark.trim() } : {}),
      });
      setVersion((v) => v + 1);
      onReviewed?.();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="draft-review">
      <p className="status" data-testid="review-state">
        Состояние:{' '}
        {published
          ? RATING_STATE_LABELS.published
          : review
            ? reviewLine(review)
            : `${RATING_STATE_LABELS.computed}, не проверен`}
      </p>
      {!published && !review ? (
        <div className="form-actions">
          <label>
            Замечание проверяющего (необязательно)
            <input value={remark} maxLength={2000} onChange={(e) => setRemark(e.target.value)} />
          </label>
          <button type="button" className="button" onClick={mark} data-testid="review-button">
            Отметить расчёт проверенным
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
