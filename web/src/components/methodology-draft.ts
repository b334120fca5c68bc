import { ApiError } from '../api/fetch-json.js';

/** A methodology being edited: the JSON document as plain data (checked by the server). */
export type Draft = Record<string, unknown>;

/** Problems the server named, by JSON Pointer (e.g. "/tree/children/0/weight"). */
export type FieldProblems = ReadonlyMap<string, string>;

const segmentsOf = (path: string) => path.split('/').slice(1);

/** The value at a JSON Pointer, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let here: unknown = doc;
  for (const s of segmentsOf(path)) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[s];
  }
  return here;
}

/** A copy of the document with the value at a JSON Pointer replaced (undefined removes it). */
export function withValueAt(doc: Draft, path: string, value: unknown): Draft {
  const [head, ...rest] = segmentsOf(path);
  if (head === undefined) return doc;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(doc) ? [...doc] : { ...doc };
  const child = (copy as Record<string, unknown>)[head];
  const next =
    rest.length === 0 ? value : withValueAt((child ?? {}) as Draft, `/${rest.join('/')}`, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[head];
  else (copy as Record<string, unknown>)[head] = next;
  return copy as Draft;
}

/** The month after today, "2026-01" in December 2025: the usual start of a new version. */
export function nextMonth(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A number typed in Russian or English notation, or the text itself when it is none. */
export function numberOrText(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** The problems an error answer names by field (`fields[].path`), or none. */
export function problemsOf(error: unknown): FieldProblems {
  const fields =
    error instanceof ApiError ? (error.body as { fields?: unknown } | null)?.fields : null;
  if (!Array.isArray(fields)) return new Map();
  return new Map(fields.map((f: { path: string; message: string }) => [f.path, f.message]));
}
