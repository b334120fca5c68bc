import {
  INDICATOR_CODE_PATTERN,
  INDICATOR_FIELD_LABELS,
  type IndicatorField,
  type IndicatorPassportFields,
} from '../../../domain/indicator-passport.js';
import { RequestError } from '../access/access-errors.js';

/** A refusal naming the field: `Поле «формула»: …`. Nothing has been written when it is thrown. */
export const indicatorFieldError = (field: IndicatorField, message: string, status = 400) =>
  new RequestError(status, 'invalid_field', `Поле «${INDICATOR_FIELD_LABELS[field]}»: ${message}`);

const trimmed = (text: string | null): string | null => {
  const clean = text?.trim().replace(/\s+/g, ' ') ?? '';
  return clean === '' ? null : clean;
};

export function cleanIndicatorCode(code: string): string {
  const clean = code.trim();
  if (!new RegExp(INDICATOR_CODE_PATTERN).test(clean))
    throw indicatorFieldError(
      'code',
      `«${code}» не подходит: строчные латинские буквы, цифры и «_», начиная с буквы (например, «esia_share»).`,
    );
  return clean;
}

/** The passport as stored: trimmed texts, blanks as null; refuses what cannot be stored. */
export function cleanPassport(input: IndicatorPassportFields): IndicatorPassportFields {
  const name = trimmed(input.name);
  if (name === null) throw indicatorFieldError('name', 'укажите наименование показателя.');
  const unit = trimmed(input.unit);
  if (unit === null)
    throw indicatorFieldError('unit', 'укажите единицу измерения (например, «%»).');
  for (const field of ['rangeMin', 'rangeMax'] as const) {
    const v = input[field];
    if (v !== null && !Number.isFinite(v)) throw indicatorFieldError(field, 'должно быть числом.');
  }
  if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > 6)
    throw indicatorFieldError('decimals', `${input.decimals} не подходит: целое число от 0 до 6.`);
  if (input.rangeMin !== null && input.rangeMax !== null && input.rangeMin > input.rangeMax)
    throw indicatorFieldError(
      'rangeMin',
      `${input.rangeMin} больше допустимого максимума ${input.rangeMax}.`,
    );
  return {
    name,
    unit,
    direction: input.direction,
    periodicity: input.periodicity,
    sourceSystem: trimmed(input.sourceSystem),
    rangeMin: input.rangeMin,
    rangeMax: input.rangeMax,
    decimals: input.decimals,
    description: input.description?.trim() || null,
    formula: input.formula?.trim() || null,
  };
}
