import { type FormEvent, type ReactNode, useState } from 'react';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A month typed as ГГГГ-ММ and shown on «Показать»: an unrecognised one is said in words,
 * a recognised one is handed to `children` (keyed by the month, so it loads afresh).
 */
export function MonthForm({
  initial = '',
  example,
  children,
}: {
  initial?: string;
  example: string;
  children: (period: string) => ReactNode;
}) {
  const [text, setText] = useState(initial);
  const [period, setPeriod] = useState<string | null>(initial === '' ? null : initial);
  const open = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(text.trim());
  };
  return (
    <>
      <form className="filters" onSubmit={open}>
        <label>
          Месяц
          <input value={text} placeholder={example} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      {period !== null && !MONTH.test(period) ? (
        <p className="status status--error" role="alert">
          Месяц «{period}» не распознан: введите год и месяц, например {example}.
        </p>
      ) : null}
      {period !== null && MONTH.test(period) ? children(period) : null}
    </>
  );
}
