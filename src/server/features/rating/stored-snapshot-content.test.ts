import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../db/content-hash.js';
import { packColumn, unpackColumn } from '../../../db/packed-column.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { Methodology } from '../../../domain/methodology.js';
import { computeRating, type RatingData } from '../../../engine/compute-rating.js';
import {
  checkComputation,
  describeComputation,
  verifyComputation,
} from '../../../engine/rating-computation.js';
import { sampleData, sampleMethodology } from '../../../engine/sample-rating.test-data.js';
import { buildSnapshotContent } from './build-snapshot-content.js';
import {
  computedSnapshotBytes,
  computedSnapshotText,
  placesOfStoredContent,
  readSnapshotContent,
  storedSnapshotText,
} from './stored-snapshot-content.js';

// A formula, an imputed value (b's share from history), outlier treatment and a grouping:
// every part of the content that format /3 stores otherwise than /2.
const m: Methodology = {
  ...sampleMethodology,
  code: 'packed',
  title: 'Упаковка',
  grouping: {
    title: 'Группа по численности',
    reference: 'population',
    bands: [
      { from: 0, label: 'малые' },
      { from: 1500, label: 'большие' },
    ],
  },
};
const data = sampleData;

const content = buildSnapshotContent(m, data, computeRating(m, data));
const text = storedSnapshotText(content);

interface Stored {
  rows?: unknown;
  computation: {
    format: string;
    inputs: { values: Record<string, string> };
    indicators: { code: string; raw: string; treated?: string }[];
  };
}

describe('snapshot content of format munirank-computation/3', () => {
  it('stores columns packed, treated only where it differs from raw, and no table rows', () => {
    const stored = JSON.parse(text) as Stored;
    expect(stored.computation.format).toBe('munirank-computation/3');
    expect(stored.rows).toBeUndefined();
    expect(unpackColumn(stored.computation.inputs.values.total as string)).toEqual([
      100, 250, 40, 900, 10,
    ]);
    const [per1000, share] = stored.computation.indicators;
    // d: 900 / 3000 × 1000
    expect(unpackColumn(per1000?.raw as string)[3]).toBe(300);
    expect(per1000?.treated).toBeUndefined();
    // b's share imputed from the history: treated differs from raw, so it is stored.
    expect(unpackColumn(share?.raw as string)[1]).toBeNull();
    expect(unpackColumn(share?.treated as string)[1]).toBe(42);
    expect(text).toBe(canonicalJson(stored));
  });

  it('reads back as the very content /2 stored: the same canonical text, rows included', () => {
    const read = readSnapshotContent(text);
    const v2 = {
      ...content,
      computation: describeComputation(m, data, computeRating(m, data), 'munirank-computation/2'),
    };
    expect(canonicalJson(read).replace('computation/3', 'computation/2')).toBe(canonicalJson(v2));
    expect(read.rows.map((r) => [r.municipalityCode, r.values['group:number']])).toEqual(
      content.rows.map((r) => [r.municipalityCode, r.values['group:number']]),
    );
    expect(read.rows[0]?.values.per1000).toBe(content.rows[0]?.values.per1000 as number);
  });

  it('verifies with no difference, and names a changed raw input first', () => {
    const read = readSnapshotContent(text);
    const computation = read.computation;
    if (!computation) throw new Error('no computation');
    const check = checkComputation(computation);
    expect(check.ok && check.comparison.total).toBe(0);
    // As stored, still packed: refused, not recomputed from the letters of the text.
    expect(checkComputation(JSON.parse(text).computation)).toEqual({
      ok: false,
      refused: ['столбцы расчёта упакованы (формат /3): сначала прочитайте их как массивы'],
    });
    const stored = JSON.parse(text) as Stored;
    const total = unpackColumn(stored.computation.inputs.values.total as string);
    total[3] = 600;
    stored.computation.inputs.values.total = packColumn(total);
    const changed = readSnapshotContent(JSON.stringify(stored)).computation;
    if (!changed) throw new Error('no computation');
    expect(verifyComputation(changed)[0]).toBe(
      '/indicators/0/raw/3 — исходное значение «per1000», ОМСУ «d»: в снимке 300, при пересчёте 200',
    );
  });

  it('is written straight from the engine as the same text, byte for byte', async () => {
    expect(computedSnapshotText(m, data, computeRating(m, data))).toBe(text);
    const { bytes, hash } = await computedSnapshotBytes(m, data, computeRating(m, data));
    expect(bytes.toString('utf8')).toBe(text);
    expect(hash).toBe(contentHash(text));
    // No explanations, and a −0 and an infinity among the raw values.
    const odd: RatingData = {
      ...data,
      values: { ...data.values, share: [10, -0, 35, 1e308 * 10, 5] },
    };
    const plain = computeRating(m, odd, { explain: false });
    expect(computedSnapshotText(m, odd, plain)).toBe(
      storedSnapshotText(buildSnapshotContent(m, odd, plain)),
    );
    // Doubles as the engine may hold them: NaNs with other bits than Number.NaN's (the sign
    // set, as x86 makes 0/0; a signalling one) and a −0. Stored as JSON writes them: each
    // NaN as Number.NaN's bytes, −0 as 0.
    const doubles = new Float64Array(5);
    new Uint32Array(doubles.buffer).set([
      0, 0x40240000, 0, 0xfff80000, 1, 0x7ff00000, 0, 0x80000000, 0, 0x40140000,
    ]);
    expect(Array.from(doubles)).toEqual([10, Number.NaN, Number.NaN, -0, 5]);
    const bits: RatingData = { ...data, values: { ...data.values, share: doubles } };
    const result = computeRating(m, bits);
    const packedText = computedSnapshotText(m, bits, result);
    expect(packedText).toBe(storedSnapshotText(buildSnapshotContent(m, bits, result)));
    const raw = (
      JSON.parse(packedText) as { computation: { inputs: { values: { share: string } } } }
    ).computation.inputs.values.share;
    expect(Buffer.from(raw, 'base64').toString('hex')).toBe(
      `${'0000000000002440'}${'000000000000f87f'.repeat(2)}${'0'.repeat(16)}${'0000000000001440'}`,
    );
  });

  it('stores and reads contents of the older formats as they are', () => {
    const v2 = {
      ...content,
      computation: describeComputation(m, data, computeRating(m, data), 'munirank-computation/2'),
    };
    const v2Text = storedSnapshotText(v2);
    expect(v2Text).toBe(canonicalJson(v2));
    expect(readSnapshotContent(v2Text)).toEqual(JSON.parse(v2Text));
  });

  it('gives each unit its place without unpacking the content, in every format', () => {
    const places = new Map(content.rows.map((r) => [r.municipalityCode, r.place]));
    // Five units, all placed: the same places the table's rows show.
    expect([...places.values()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(placesOfStoredContent(text)).toEqual(places);
    const v2Text = storedSnapshotText({
      ...content,
      computation: describeComputation(m, data, computeRating(m, data), 'munirank-computation/2'),
    });
    expect(placesOfStoredContent(v2Text)).toEqual(places);
    // A content of format /1 or earlier, with rows and no computation.
    const { computation: _c, ...rowsOnly } = content;
    expect(placesOfStoredContent(canonicalJson(rowsOnly))).toEqual(places);
  });
});
