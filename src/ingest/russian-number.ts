export type ParsedNumber =
  | { ok: true; value: number | null; percentSign: boolean; decimals: number }
  | { ok: false; message: string };

const MISSING = new Set(['', '-', '—', '–', 'н/д', 'нет данных']);
// Spaces used as thousands separators: space, no-break, narrow no-break, thin.
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;

/**
 * Parses a number as Russian documents write it: `85 199` (any kind of space between
 * thousands), `0,574`, `178,60%`. Empty, `-` and `—` mean missing (null); anything else that
 * is not a number is an error, never a silent zero. `decimals` is the printed precision.
 *
 * @example parseRussianNumber('178,60%') // { ok: true, value: 178.6, percentSign: true, decimals: 2 }
 */
export function parseRussianNumber(raw: string): ParsedNumber {
  if (isPlainDigits(raw)) return { ok: true, value: Number(raw), percentSign: false, decimals: 0 };
  const text = raw.trim();
  if (MISSING.has(text.toLowerCase()))
    return { ok: true, value: null, percentSign: false, decimals: 0 };
  const percentSign = /%\s*$/.test(text);
  const body = text
    .replace(/\s*%\s*$/, '')
    .replace(GROUP_SPACES, '')
    .replace(/^\u2212/, '-');
  if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(body)) {
    return { ok: false, message: `«${raw.trim()}» — не число` };
  }
  const normalised = body.replace(',', '.');
  const decimals = normalised.includes('.') ? normalised.length - normalised.indexOf('.') - 1 : 0;
  return { ok: true, value: Number(normalised), percentSign, decimals };
}

/** Up to 15 ASCII digits and nothing else: most cells of a large file, read without regexes. */
function isPlainDigits(raw: string): boolean {
  const n = raw.length;
  if (n === 0 || n > 15) return false;
  for (let k = 0; k < n; k += 1) {
    const c = raw.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
