import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../db/content-hash.js';
import type { Methodology } from '../domain/methodology.js';
import { computeRating } from '../engine/compute-rating.js';
import { offlineSnapshotText, writeOfflineSnapshot } from './offline-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'munirank-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const m: Methodology = {
  code: 'offline',
  version: 2,
  title: 'Без сервера',
  effectiveFrom: '2024',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'count', minAvailability: 0 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'indicator',
        code: 'x',
        name: 'Икс',
        weight: 1,
        direction: 1,
        normalisation: { method: 'min-max' },
      },
    ],
  },
};
const data = {
  units: [
    { code: 'a', name: 'Аша' },
    { code: 'b', name: 'Бор' },
  ],
  values: { x: [1, 3] },
};

describe('writeOfflineSnapshot', () => {
  it('writes the very bytes of offlineSnapshotText, hashed over the content as stored', async () => {
    const result = computeRating(m, data);
    const options = { dataFile: '/tmp/данные.csv', asOf: '2024-12-31' };
    const file = join(dir, 'snapshot.json');
    await writeOfflineSnapshot(file, m, data, result, options);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(offlineSnapshotText(m, data, result, options));
    const bundle = JSON.parse(written) as { code: string; contentHash: string };
    expect(bundle.code).toBe('offline-v2');
    const content = written.slice(written.indexOf('"content":') + 10, -2);
    expect(bundle.contentHash).toBe(contentHash(content));
    expect(contentHash(Buffer.from(content, 'utf8'))).toBe(contentHash(content));
    // Written beside the target and renamed: no part file is left.
    expect(readdirSync(dir).filter((f) => f.startsWith('snapshot.json'))).toEqual([
      'snapshot.json',
    ]);
  });

  it('replaces an older, longer bundle whole; a target in a missing folder is refused', async () => {
    const result = computeRating(m, data);
    const file = join(dir, 'again.json');
    writeFileSync(file, 'x'.repeat(100_000));
    await writeOfflineSnapshot(file, m, data, result, { dataFile: 'd.csv', asOf: '2024-12-31' });
    expect(readFileSync(file, 'utf8')).toBe(
      offlineSnapshotText(m, data, result, { dataFile: 'd.csv', asOf: '2024-12-31' }),
    );
    // A target in a folder that does not exist: refused, nothing written anywhere.
    const missing = join(dir, 'нет-такой-папки', 'snapshot.json');
    await expect(
      writeOfflineSnapshot(missing, m, data, result, { dataFile: 'd.csv', asOf: '2024-12-31' }),
    ).rejects.toThrow('ENOENT');
    expect(existsSync(join(dir, 'нет-такой-папки'))).toBe(false);
  });
});
