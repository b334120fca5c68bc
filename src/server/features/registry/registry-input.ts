import {
  isCalendarDate,
  isRegistryCode,
  oktmoProblem,
  REGISTRY_FIELD_LABELS,
  type RegistryField,
} from '../../../domain/registry.js';
import { RequestError } from '../access/access-errors.js';

/**
 * A refusal naming the field, as every registry form, API client and CLI user reads it:
 * `Поле «ОКТМО»: …`. Nothing has been written when it is thrown.
 */
export const fieldError = (field: RegistryField, message: string, status = 400) =>
  new RequestError(status, 'invalid_field', `Поле «${REGISTRY_FIELD_LABELS[field]}»: ${message}`);

export function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') throw fieldError('name', 'укажите наименование муниципального образования.');
  return clean;
}

export function cleanCode(code: string): string {
  if (!isRegistryCode(code))
    throw fieldError(
      'code',
      `«${code}» не подходит: строчные латинские буквы, цифры и дефис, до 100 знаков (например, «novyy-okrug»).`,
    );
  return code;
}

/** The ОКТМО code as stored: digits only, or null for «not known». */
export function cleanOktmo(oktmo: string | null | undefined): string | null {
  if (oktmo === undefined || oktmo === null || oktmo.trim() === '') return null;
  const clean = oktmo.trim();
  const problem = oktmoProblem(clean);
  if (problem) throw fieldError('oktmo', `${problem}.`);
  return clean;
}

export function cleanDate(field: RegistryField, text: string | null | undefined): string | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  const clean = text.trim();
  if (!isCalendarDate(clean))
    throw fieldError(field, `«${clean}» — не дата в виде ГГГГ-ММ-ДД (например, 2021-01-01).`);
  return clean;
}

export function requireDate(field: RegistryField, text: string): string {
  const date = cleanDate(field, text);
  if (date === null) throw fieldError(field, 'укажите дату в виде ГГГГ-ММ-ДД.');
  return date;
}

/** Distinct aliases without blanks, in the order given. */
export const cleanAliases = (aliases: readonly string[]): string[] => [
  ...new Set(aliases.map((a) => a.trim().replace(/\s+/g, ' ')).filter((a) => a !== '')),
];
