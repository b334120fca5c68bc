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
  return readPlainNumber(raw) ?? parseRussianNumberInFull(raw);
}

/** The general parser, which `parseRussianNumber` skips for plain numbers; exported for tests. */
export function parseRussianNumberInFull(raw: string): ParsedNumber {
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

const isGroupSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;

/**
 * Most cells of a large file, read with one scan and no regex or copy: up to 15 ASCII digits,
 * single group spaces between them (`85 199`), and a decimal part after `,` or `.` (not
 * after a group space). Anything else (signs, percents, missing marks, errors) is null and
 * goes to the full parser, whose result this always equals.
 */
function readPlainNumber(raw: string): ParsedNumber | null {
  const n = raw.length;
  let whole = 0;
  let digits = 0;
  let grouped = false;
  let separator = -1;
  for (let k = 0; k < n; k += 1) {
    const c = raw.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (separator === -1) whole = whole * 10 + (c - 48);
      digits += 1;
    } else if (isGroupSpace(c)) {
      if (separator !== -1 || k === 0 || k === n - 1) return null;
      const before = raw.charCodeAt(k - 1);
      if (before < 48 || before > 57) return null;
      grouped = true;
    } else if ((c === 44 || c === 46) && separator === -1 && k > 0 && k < n - 1) {
      const before = raw.charCodeAt(k - 1);
      if (before < 48 || before > 57) return null;
      separator = k;
    } else return null;
  }
  if (digits === 0 || digits > 15) return null;
  if (separator === -1) return { ok: true, value: whole, percentSign: false, decimals: 0 };
  if (grouped) return null;
  const value = Number(raw.charCodeAt(separator) === 44 ? raw.replace(',', '.') : raw);
  return { ok: true, value, percentSign: false, decimals: n - separator - 1 };
}
