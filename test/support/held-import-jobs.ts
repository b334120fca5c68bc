import type { ImportJobMode } from '../../src/domain/import-job.js';
import {
  type ImportJobOutcome,
  ImportJobs,
} from '../../src/server/features/imports/import-jobs.js';
import type { ImportProgress } from '../../src/server/features/imports/import-service.js';

/**
 * Real import jobs that wait before running until the test lets each go: they stay running
 * exactly as long as the test needs, with no race against the runner.
 */
export class HeldImportJobs extends ImportJobs {
  readonly #release = new Map<string, () => void>();

  override start(
    owner: string,
    mode: ImportJobMode,
    bytes: number,
    run: (onProgress: (p: ImportProgress) => void) => Promise<ImportJobOutcome>,
  ) {
    let go = () => {};
    const held = new Promise<void>((resolve) => {
      go = resolve;
    });
    const status = super.start(owner, mode, bytes, async (onProgress) => {
      await held;
      return run(onProgress);
    });
    this.#release.set(status.id, go);
    return status;
  }

  release(id: string): void {
    this.#release.get(id)?.();
  }
}
