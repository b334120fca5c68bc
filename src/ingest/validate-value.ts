import { parseRussianNumber } from './russian-number.js';

/** What an import needs to know of an indicator's passport to check a value. */
export interface IndicatorPassport {
  id: number;
  code: string;
  name: string;
  unit: string;
  rangeMin: number | null;
  rangeMax: number | null;
  decimals: number;
  /** Other header texts that name the same column (e.g. «Численность населения МО»). */
  aliases?: readonly string[];
}

export type CheckedValue = { ok: true; value: number | null } | { ok: false; message: string };

export const isPercentIndicator = (i: IndicatorPassport) => i.unit.trim() === '%';
/** Indicators printed without decimals count people, documents, applications: whole numbers. */
export const isCountIndicator = (i: IndicatorPassport) => i.decimals === 0;

/**
 * Checks one cell against the indicator's passport: a Russian number or missing (`—`, `-`,
 * empty → null); never zero from text; a formula's text (no saved result) is refused; a percent is at most 100 and a
 * `%` sign only stands by a percent indicator; counts are whole; the passport's range holds.
 *
 * @example checkValue('178,60%', percent) // { ok: false, message: '«178,60%» — процент больше 100' }
 */
export function checkValue(raw: string, indicator: IndicatorPassport): CheckedValue {
  const text = raw.trim();
  if (text.startsWith('='))
    return {
      ok: false,
      message: `в ячейке формула «${text.slice(0, 60)}» без сохранённого результата: откройте и сохраните файл в Excel или LibreOffice (они сохраняют результат) или вставьте значения (Специальная вставка → Значения) и импортируйте снова`,
    };
  const parsed = parseRussianNumber(text);
  if (!parsed.ok) return { ok: false, message: `${parsed.message}, а в графе должно быть число` };
  const value = parsed.value;
  if (value === null) return { ok: true, value: null };
  const percent = isPercentIndicator(indicator);
  if (parsed.percentSign && !percent)
    return {
      ok: false,
      message: `«${text}» — знак % у показателя «${indicator.code}», который измеряется в «${indicator.unit}»`,
    };
  if (percent && value > 100) return { ok: false, message: `«${text}» — процент больше 100` };
  if (isCountIndicator(indicator) && !Number.isInteger(value))
    return { ok: false, message: `«${text}» — ожидается целое число (${indicator.unit})` };
  if (indicator.rangeMin !== null && value < indicator.rangeMin)
    return {
      ok: false,
      message: `«${text}» меньше допустимого минимума ${indicator.rangeMin} для «${indicator.code}»`,
    };
  if (indicator.rangeMax !== null && value > indicator.rangeMax)
    return {
      ok: false,
      message: `«${text}» больше допустимого максимума ${indicator.rangeMax} для «${indicator.code}»`,
    };
  return { ok: true, value };
}
