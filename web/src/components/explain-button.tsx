import type { MunicipalityRef } from '../../../src/domain/municipality.js';

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
    >
      Объяснение
    </button>
  );
}
