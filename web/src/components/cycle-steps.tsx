import { useState } from 'react';
import type { CycleStep, MonthlyCycle } from '../../../src/domain/monthly-cycle.js';
import { sendJson } from '../api/send-json.js';
import { navigate } from '../routing/use-location-path.js';

/**
 * One button per next step of the month. A step not allowed now is disabled and says why;
 * approving and publishing (the reviewed draft) act here (`onChanged` says what was done, and
 * the cycle reloads), the other steps open the page where they are taken: computing with the
 * month filled in, reviewing with the draft open.
 */
export function CycleSteps({
  cycle,
  onChanged,
}: {
  cycle: MonthlyCycle;
  onChanged: (done: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The cycle publishes the newest reviewed draft of the month.
  const draft = cycle.ratings.findLast((r) => r.publishedAt === null && r.review !== null);
  const act = async (step: CycleStep) => {
    setProblem(null);
    try {
      if (step.step === 'approve') {
        const codes = cycle.board.rows
          .filter((r) => r.status === 'submitted')
          .map((r) => r.municipality.code);
        const done = await sendJson<{ approved: string[] }>('POST', '/api/entry-approvals', {
          period: cycle.period,
          municipalityCodes: codes,
        });
        onChanged(`Утверждено форм: ${done.approved.length}.`);
      } else if (step.step === 'publish' && draft) {
        await sendJson('POST', `/api/ratings/${draft.code}/publish`, {
          ...(step.overridable ? { overrideReason: reason.trim() } : {}),
        });
        onChanged(`Рейтинг «${draft.code}» опубликован.`);
      } else navigate(step.href);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <>
      <ol className="cycle-steps" data-testid="cycle-steps">
        {cycle.steps.map((s) => (
          <li key={s.step} data-step={s.step}>
            <button
              type="button"
              className="button"
              disabled={!s.allowed && !(s.overridable && reason.trim() !== '')}
              onClick={() => void act(s)}
            >
              {s.label}
            </button>
            {s.reason ? <p className="status cycle-steps__reason">{s.reason}</p> : null}
            {s.overridable ? (
              <label>
                Обоснование публикации без утверждения
                <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            ) : null}
          </li>
        ))}
      </ol>
      {problem ? (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
