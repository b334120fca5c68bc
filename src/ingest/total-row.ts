/**
 * Labels of rows that sum or average the units above them: «Итого», «Всего по области»,
 * «В целом по региону», «Среднее по области». Such a row is no municipality; it is skipped
 * and listed, never matched or reported as an unknown name.
 */
const TOTAL_LABEL =
  /^(итого|всего|в целом по|в среднем по|среднее по|среднее значение|по области|по региону)(?![\p{L}\d])/u;

/** @example isTotalLabel('Всего по области:') // true */
export const isTotalLabel = (text: string): boolean =>
  TOTAL_LABEL.test(text.trim().toLowerCase().replace(/ё/g, 'е'));
