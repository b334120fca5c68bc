import { useState } from 'react';
import type { CycleStep, MonthlyCycle } from '../../../src/domain/monthly-cycle.js';
import { sendJson } from '../api/send-json.js';
import { navigate } from '../routing/use-location-path.js';

/**
 * One button per next step of the month. A step not allowed now is disabled and says why;
 * approving and publishing act here, the other steps open the page where they are taken.
 */
export function CycleSteps({ cycle, onChanged }: { cycle: MonthlyCycle; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const draft = cycle.ratings.find((r) => r.publishedAt === null);
  const act = async (step: CycleStep) => {
    setMessage(null);
    try {
      if (step.step === 'approve') {
        const codes = cycle.board.rows
          .filter((r) => r.status === 'submitted')
          .map((r) => r.municipality.code);
        const done = await sendJson<{ approved: string[] }>('POST', '/api/entry-approvals', {
          period: cycle.period,
          municipalityCodes: codes,
        });
        setMessage({ text: `Утверждено форм: ${done.approved.length}.`, error: false });
        onChanged();
      } else if (step.step === 'publish' && draft) {
        await sendJson('POST', `/api/ratings/${draft.code}/publish`, {
          ...(step.overridable ? { overrideReason: reason.trim() } : {}),
        });
        setMessage({ text: `Рейтинг «${draft.code}» опубликован.`, error: false });
        onChanged();
      } else navigate(step.href);
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
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
      {message ? (
        <p className={message.error ? 'status status--error' : 'status'} role="status">
          {message.text}
        </p>
      ) : null}
    </>
  );
}
