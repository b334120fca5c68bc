/** A spelling the registry does not know, and the closest entries to confirm it as. */
export interface UnknownSpelling {
  name: string;
  rows: number[];
  candidates: { code: string; name: string }[];
}

/**
 * Unknown municipality names or indicator headers, each with buttons for its closest
 * candidates: one click confirms the spelling for this import and, once imported, the next.
 */
export function UnknownSpellingsView({
  title,
  items,
  testId,
  onConfirm,
}: {
  title: string;
  items: UnknownSpelling[];
  testId: string;
  onConfirm: (name: string, code: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="unknown-names" data-testid={testId}>
        {items.map((u) => (
          <li key={u.name}>
            «{u.name}»{u.rows.length > 0 ? ` (строки ${u.rows.join(', ')})` : ' (заголовок графы)'}
            {u.candidates.length > 0 ? ': возможно, ' : ''}
            {u.candidates.map((cand) => (
              <button
                key={cand.code}
                type="button"
                className="link-button candidate-button"
                onClick={() => onConfirm(u.name, cand.code)}
              >
                это «{cand.name}»
              </button>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}
