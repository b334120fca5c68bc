/**
 * The document a page shows when the URL names none: the preferred one if it is published,
 * otherwise the first of the list (the server lists the newest first).
 */
export function pickDefaultCode(codes: readonly string[], preferred: string): string | null {
  return codes.includes(preferred) ? preferred : (codes[0] ?? null);
}
