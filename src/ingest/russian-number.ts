export type ParsedNumber =
  | { ok: true; value: number | null; percentSign: boolean; decimals: number }
  | { ok: false; message: string };

/**
 * Cells that mean "no value" (compared in lower case): blank, dashes, the Russian «н/д» and
 * «нет данных», and what R (`NA`) and spreadsheets (`N/A`, `#N/A`) write for a missing value.
 */
export const MISSING_TOKENS: readonly string[] = [
  '',
  '-',
  '—',
  '–',
  'н/д',
  'нет данных',
  'na',
  'n/a',
  '#n/a',
];
const MISSING = new Set(MISSING_TOKENS);
// Spaces used as thousands separators: space, no-break, narrow no-break, thin.
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;

/**
 * Parses a number as Russian documents and analysis tools write it: `85 199` (any kind of
 * space between thousands), `0,574`, `178,60%`, and scientific notation as R, Python and Excel
 * write it (`2e-06`, `3e+05`, `1,5E-3`). Empty, dashes, `н/д`, `NA`, `N/A`, `#N/A` mean
 * missing (null); anything else that is not a number is an error, never a silent zero.
 * `decimals` is the printed precision (for `2e-06`, six).
 *
 * @example parseRussianNumber('178,60%') // { ok: true, value: 178.6, percentSign: true, decimals: 2 }
 * @example parseRussianNumber('1,5E-3') // { ok: true, value: 0.0015, percentSign: false, decimals: 4 }
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
  const match = /^([-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+))(?:[eE]([-+]?\d+))?$/.exec(body);
  if (!match) return { ok: false, message: `«${raw.trim()}» — не число` };
  const mantissa = (match[1] as string).replace(',', '.');
  const exponent = match[2] === undefined ? 0 : Number(match[2]);
  const value = Number(exponent === 0 ? mantissa : `${mantissa}e${exponent}`);
  if (!Number.isFinite(value))
    return { ok: false, message: `«${raw.trim()}» — слишком большое число` };
  const fraction = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
  return { ok: true, value, percentSign, decimals: Math.max(0, fraction - exponent) };
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

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
  /** Every digit, the decimal ones too: at most 15 digits, so an exact integer. */
  let mantissa = 0;
  let digits = 0;
  let grouped = false;
  let separator = -1;
  for (let k = 0; k < n; k += 1) {
    const c = raw.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (separator === -1) whole = whole * 10 + (c - 48);
      mantissa = mantissa * 10 + (c - 48);
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
  // Both the mantissa (under 2^53) and the power of ten (at most 10^14) are exact doubles, so
  // their quotient, rounded once, is the double nearest the decimal — what Number() of the
  // text gives — without a copy of the text to parse (Clinger's fast path).
  const decimals = n - separator - 1;
  return {
    ok: true,
    value: mantissa / (POWERS_OF_TEN[decimals] as number),
    percentSign: false,
    decimals,
  };
}
