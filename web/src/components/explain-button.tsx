import type { ReactNode } from 'react';
import type { MunicipalityRef } from '../../../src/domain/municipality.js';
import type { SnapshotRow } from '../../../src/domain/rating-snapshot.js';

/**
 * The «Объяснение» action of a rating row: opens the municipality's explanation (shown above
 * the table, where focus moves), and says to assistive technology whether it is open.
 */
export function ExplainButton({
  municipality,
  open,
  onOpen,
}: {
  municipality: MunicipalityRef;
  open: boolean;
  onOpen: (code: string) => void;
}) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => onOpen(municipality.code)}
      aria-label={`Объяснение: ${municipality.name}`}
      aria-expanded={open}
      aria-controls={open ? 'unit-explanation' : undefined}
      data-testid="explain-button"
      data-municipality={municipality.code}
    >
      Объяснение
    </button>
  );
}

/**
 * The rating table's per-row action for a computed snapshot (`explained`: the open one);
 * none for a snapshot taken from a document, which has no explanations.
 */
export function explainRowAction(
  computed: boolean,
  explained: string | null,
  onOpen: (code: string) => void,
): ((row: SnapshotRow) => ReactNode) | undefined {
  if (!computed) return undefined;
  return (row) => (
    <ExplainButton
      municipality={row.municipality}
      open={explained === row.municipality.code}
      onOpen={onOpen}
    />
  );
}

/** After an explanation closes, focus goes back to the row button that opened it. */
export function focusExplainButton(code: string): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>(
    '[data-testid="explain-button"]',
  ))
    if (button.dataset.municipality === code) button.focus();
}
