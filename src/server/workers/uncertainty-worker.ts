// Worker thread for rank uncertainty: prepares a model when told to, then computes the
// chunks of draws it is sent. All arithmetic is the engine's, so results do not depend on
// how the draws are split between workers.
import { parentPort } from 'node:worker_threads';
import type { Methodology } from '../../domain/methodology.js';
import type { RatingData } from '../../engine/compute-rating.js';
import {
  computeDraws,
  prepareUncertainty,
  summariseDraws,
  type UncertaintyModel,
  type UncertaintyOptions,
} from '../../engine/rank-uncertainty.js';

export type WorkerRequest =
  | {
      type: 'prepare';
      methodology: Methodology;
      data: RatingData;
      options: UncertaintyOptions;
    }
  | { type: 'draws'; seed: number; from: number; to: number }
  /** Sorting every unit's places takes seconds for thousands of units: not on the main thread. */
  | { type: 'summarise'; ranks: Float64Array; unitCount: number };

let model: UncertaintyModel | null = null;
parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.type === 'prepare') {
      model = prepareUncertainty(msg.methodology, msg.data, msg.options);
      parentPort?.postMessage({ type: 'ready' });
      return;
    }
    if (msg.type === 'summarise') {
      const { median, p05, p95 } = summariseDraws(msg.ranks, msg.unitCount);
      const reply = { type: 'summary', ranks: msg.ranks, median, p05, p95 };
      parentPort?.postMessage(
        reply,
        [msg.ranks, median, p05, p95].map((a) => a.buffer as ArrayBuffer),
      );
      return;
    }
    if (!model) throw new Error('модель не подготовлена');
    const ranks = computeDraws(model, msg.seed, msg.from, msg.to);
    parentPort?.postMessage({ type: 'ranks', from: msg.from, to: msg.to, ranks }, [
      ranks.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
