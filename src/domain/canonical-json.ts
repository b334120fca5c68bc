/**
 * Serialises a value as JSON with object keys sorted at every level, so that equal content
 * always yields the same text and the same hash.
 *
 * Written straight into text, without a sorted copy of the value first: an array of numbers
 * (a snapshot's columns, most of its bytes) goes to JSON.stringify whole, which writes it
 * without looking at each element from here. The text is exactly
 * `JSON.stringify` of the value with every plain object's keys sorted and its undefined
 * members left out — the form an outsider reproduces to check a published hash (docs/decisions/0002).
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) === '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

/**
 * A string known to need no escaping in JSON (ASCII letters, digits, `+`, `/`, `=`: a packed
 * column's base64), written between quotes without being looked at. Its canonical text is
 * that of the string itself.
 */
export class PlainJsonString {
  constructor(readonly text: string) {}
}

/**
 * A record of numbers (a unit code → a place) as its canonical text, made once from its
 * entries: keys sorted, each number as JSON writes it. The same text as `canonicalJson` of
 * the record as an object, without an object of thousands of keys to make, copy and sort
 * the keys of (20,000 previous places: 25–30 ms).
 *
 * @example canonicalJson({ r: new CanonicalRecord(new Map([['b', 1], ['a', null]])) }) === '{"r":{"a":null,"b":1}}'
 */
export class CanonicalRecord {
  readonly text: string;

  constructor(entries: ReadonlyMap<string, number | null>) {
    const keys = [...entries.keys()].sort(byCodeUnit);
    const parts = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      parts[i] = `${JSON.stringify(key)}:${write(entries.get(key) ?? null)}`;
    }
    this.text = `{${parts.join(',')}}`;
  }
}

/** The plain strings met by the writer while it makes bytes; null while it makes text. */
let plainStrings: string[] | null = null;
/** Where a plain string goes: a character that JSON text never holds unescaped. */
const PLAIN_MARK = '\u0001';

/**
 * `canonicalJson(value)` in parts, for writing it as bytes without the whole text as one
 * string first (src/db/canonical-json-bytes.ts): the text with every plain string taken out,
 * split where they were (`between`, one more than `plain`), and the plain strings in order.
 * The canonical text is `between[0] + '"' … ` — each plain string quoted in its place.
 *
 * @example canonicalJsonParts({ a: new PlainJsonString('AAA=') }) // { between: ['{"a":"', '"}'], plain: ['AAA='] }
 */
export function canonicalJsonParts(value: unknown): { between: string[]; plain: string[] } {
  const strings: string[] = [];
  plainStrings = strings;
  let text: string;
  try {
    text = write(value);
  } finally {
    plainStrings = null;
  }
  return { between: text.split(PLAIN_MARK), plain: strings };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical text of `value` (as an element of an array: what JSON.stringify drops there
 * is 'null'). Pieces are joined by `+`, which V8 keeps as a tree of pieces until the text is
 * read, not copied at every step.
 */
function write(value: unknown): string {
  if (typeof value === 'number') return value - value === 0 ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    if (isFlat(value)) return JSON.stringify(value);
    // A list of like objects (rows, units, indicators): JSON.stringify writes it whole, as it
    // is when every object inside has its keys in order already, else given every key used
    // anywhere inside, sorted — it then writes each object's keys in that order.
    const scanned = plainKeys(value, null);
    if (scanned === SORTED_INSIDE) return JSON.stringify(value);
    if (scanned === PLAIN_INSIDE) {
      const keys = new Set<string>();
      plainKeys(value, keys);
      return JSON.stringify(value, [...keys].sort(byCodeUnit));
    }
    let out = '[';
    for (let i = 0; i < value.length; i++) out += i > 0 ? `,${write(value[i])}` : write(value[i]);
    return `${out}]`;
  }
  if (value instanceof CanonicalRecord) return value.text;
  if (value instanceof PlainJsonString) {
    if (plainStrings === null) return `"${value.text}"`;
    plainStrings.push(value.text);
    return `"${PLAIN_MARK}"`;
  }
  const proto = Object.getPrototypeOf(value);
  // Dates, typed arrays, maps: whatever the sorted copy made of them, as it always did.
  if (proto !== Object.prototype && proto !== null) return JSON.stringify(sortKeys(value));
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(Object.keys(record));
  // No object or array inside: JSON.stringify writes it itself, given the keys in order.
  if (isFlat(Object.values(record))) return JSON.stringify(record, keys);
  let out = '{';
  let first = true;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j] as string;
    const v = record[key];
    // Left out as JSON.stringify leaves them out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += first ? quotedKey(key) + write(v) : `,${quotedKey(key)}${write(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * A snapshot has thousands of objects with the same keys (its rows, units, explanations):
 * their sorted order and each key's quoted text are worked out once. Bounded, so that
 * content with ever new keys does not keep them all.
 */
const SORTED = new Map<string, string[]>();
const QUOTED = new Map<string, string>();
const REMEMBERED = 10_000;

function sortedKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const signature = keys.join('\u0000');
  const known = SORTED.get(signature);
  if (known) return known;
  const sorted = keys.sort(byCodeUnit);
  if (SORTED.size < REMEMBERED) SORTED.set(signature, sorted);
  return sorted;
}

function quotedKey(key: string): string {
  const known = QUOTED.get(key);
  if (known !== undefined) return known;
  const quoted = `${JSON.stringify(key)}:`;
  if (QUOTED.size < REMEMBERED) QUOTED.set(key, quoted);
  return quoted;
}

const SORTED_INSIDE = 2;
const PLAIN_INSIDE = 1;
const OTHER_INSIDE = 0;

/**
 * Adds to `keys` (if given) every key of every object inside `value`. SORTED_INSIDE when every object
 * inside is a plain one with its keys in order, PLAIN_INSIDE when some are out of order,
 * OTHER_INSIDE when some object is not a plain one (a date, a map…), which JSON.stringify
 * would write otherwise than the sorted copy.
 */
function plainKeys(value: unknown, keys: Set<string> | null): number {
  if (value === null || typeof value !== 'object') return SORTED_INSIDE;
  let found = SORTED_INSIDE;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || typeof v !== 'object') continue;
      found = Math.min(found, plainKeys(v, keys));
      if (found === OTHER_INSIDE) return found;
    }
    return found;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return OTHER_INSIDE;
  let previous: string | null = null;
  for (const key in value) {
    keys?.add(key);
    if (previous !== null && !(previous < key)) found = PLAIN_INSIDE;
    previous = key;
    const v = (value as Record<string, unknown>)[key];
    if (v === null || typeof v !== 'object') continue;
    found = Math.min(found, plainKeys(v, keys));
    if (found === OTHER_INSIDE) return found;
  }
  return found;
}

/** Numbers, strings, booleans and nulls only (and what JSON leaves out): no keys to sort inside. */
function isFlat(array: readonly unknown[]): boolean {
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodeUnit(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
