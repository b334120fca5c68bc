// `node --import tsx bench/engine-digest.ts`: one SHA-256 over every output of computeRating
// (scores, places, reasons, explanations, improvements) for 1,440 methodology × data cases:
// every normalisation, arithmetic / geometric / harmonic means, with and without imputation,
// on plain, tied, outlying and skewed data (with outlier treatment), 1 to 300 units. A speed
// change that must not change any number prints the same digest before and after it (run
// it on both commits). Not a test: a change of method legitimately changes the digest.
import { createHash } from 'node:crypto';
import type { Methodology, MethodologyNode, Normalisation } from '../src/domain/methodology.js';
import { computeRating } from '../src/engine/compute-rating.js';
import { drawRandom } from '../src/engine/prng.js';

const hash = createHash('sha256');
/** Working fields (how a result was reached, not what it is), earlier ones too: left out. */
const INTERNAL = new Set(['extremes', 'absent', 'missingChildren']);

function feed(x: unknown): void {
  if (ArrayBuffer.isView(x)) hash.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  else if (Array.isArray(x)) for (const y of x) feed(y);
  else if (x !== null && typeof x === 'object')
    for (const [key, value] of Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) {
      if (INTERNAL.has(key)) continue;
      hash.update(key);
      feed(value);
    }
  else hash.update(String(x));
}

const NORMALISATIONS: Normalisation[] = [
  { method: 'min-max' },
  { method: 'min-max', lower: 1, upper: 100 },
  { method: 'z-score' },
  { method: 'rank' },
  { method: 'percentile-rank' },
  { method: 'fraction-of-max' },
  { method: 'goalposts', lo: 10, hi: 80 },
  { method: 'distance-to-target', target: 90, capAtTarget: true },
  { method: 'distance-to-target', target: 70 },
];
const INDICATORS = 8;

function methodology(
  aggregation: 'arithmetic' | 'geometric' | 'harmonic',
  imputation: 'none' | 'mean',
  normalisation: number,
  treated: boolean,
): Methodology {
  const indicators: MethodologyNode[] = Array.from({ length: INDICATORS }, (_, k) => ({
    kind: 'indicator' as const,
    code: `I${k}`,
    name: `I${k}`,
    weight: 1 + (k % 3),
    direction: (k % 3 === 0 ? -1 : 1) as 1 | -1,
    normalisation: NORMALISATIONS[
      normalisation < 0 ? k % NORMALISATIONS.length : normalisation
    ] as Normalisation,
    ...(k === 5 && treated
      ? { treatment: { maxWinsorised: 5, skewThreshold: 2, kurtosisThreshold: 3.5 } }
      : {}),
  }));
  return {
    code: 'digest',
    version: 1,
    title: 'digest',
    effectiveFrom: '2024',
    outputScale: 100,
    tieRule: 'competition',
    missingData: { imputation, availabilityBasis: 'weight', minAvailability: 0.5 },
    colourThresholds: [],
    tree: {
      kind: 'group',
      code: 'INDEX',
      name: 'INDEX',
      weight: 1,
      aggregation,
      children: [
        {
          kind: 'group',
          code: 'A',
          name: 'A',
          weight: 2,
          aggregation: 'arithmetic',
          children: indicators.slice(0, 4),
        },
        {
          kind: 'group',
          code: 'B',
          name: 'B',
          weight: 1,
          aggregation,
          children: indicators.slice(4),
        },
      ],
    },
  } as Methodology;
}

let computed = 0;
let refused = 0;
for (const n of [1, 2, 3, 7, 40, 300])
  for (const aggregation of ['arithmetic', 'geometric', 'harmonic'] as const)
    for (const imputation of ['none', 'mean'] as const)
      for (const normalisation of [0, 1, 2, 3, 4, 5, 6, 7, 8, -1])
        for (const data of [0, 1, 2, 3]) {
          const random = drawRandom(n * 7 + normalisation + 31 * data, 1);
          const units = Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `u${i}` }));
          const values: Record<string, (number | null)[]> = {};
          for (let k = 0; k < INDICATORS; k++)
            values[`I${k}`] = Array.from({ length: n }, (_, i) => {
              if (random() < 0.05) return null;
              if (data === 1) return Math.floor(random() * 4) * 10 + 5; // ties at both ends
              if (data === 2) return i === 0 ? 1000 : random() * 100 + 1; // one far maximum
              if (data === 3) return random() ** 4 * 100 + 1; // skewed
              return random() * 100 + 1;
            });
          try {
            feed(
              computeRating(methodology(aggregation, imputation, normalisation, data === 3), {
                units,
                values,
              }),
            );
            computed++;
          } catch (error) {
            // Geometric and harmonic means refuse non-positive scores: the message counts too.
            hash.update((error as Error).message);
            refused++;
          }
        }
console.log(`${computed} рассчитано, ${refused} отклонено: ${hash.digest('hex')}`);
