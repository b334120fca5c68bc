import { Type } from 'typebox';

/** The open data licence line the portal shows until an administrator sets the region's own. */
export const DEFAULT_DATA_LICENCE =
  'Данные рейтинга — открытые данные: их можно свободно использовать со ссылкой на источник (CC BY 4.0).';

export const MAX_LICENCE_LENGTH = 500;

/** The licence line as the API reads and writes it. */
export const PortalLicence = Type.Object(
  {
    licence: Type.String({
      minLength: 1,
      maxLength: MAX_LICENCE_LENGTH,
      description: 'строка о лицензии открытых данных в подвале каждой страницы портала',
    }),
  },
  { additionalProperties: false },
);
export type PortalLicence = Type.Static<typeof PortalLicence>;

/**
 * The line as stored: spaces collapsed, or a Russian message naming the field.
 *
 * @example cleanLicence('  CC BY 4.0 ') → { licence: 'CC BY 4.0' }
 */
export function cleanLicence(text: string): { licence: string } | { problem: string } {
  const licence = text.replace(/\s+/g, ' ').trim();
  if (licence === '')
    return {
      problem: 'Поле «лицензия» пустое: напишите, на каких условиях можно использовать данные.',
    };
  if (licence.length > MAX_LICENCE_LENGTH)
    return {
      problem: `Поле «лицензия»: ${licence.length} символов, можно не больше ${MAX_LICENCE_LENGTH}.`,
    };
  return { licence };
}
