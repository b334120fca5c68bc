import { stripMarkup } from './strip-markup.js';

/** Trims a cell and strips markup only where there may be some: the common case stays cheap. */
export function cleanCell(raw: string): string {
  return /[<&\t\r\n]| {2}/.test(raw) ? stripMarkup(raw) : raw.trim();
}
