import { createHash } from 'node:crypto';

/** One rendered answer, kept as bytes with the strong ETag of those bytes. */
export interface CachedAnswer {
  body: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
  disposition?: string;
  /** 200 unless said otherwise (the not-found page). */
  status?: number;
}

/** Snapshot files never change; pages and views may gain an errata notice. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, max-age=300';

export const strongEtag = (body: Buffer): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export function cachedAnswer(
  body: Buffer | string,
  contentType: string,
  cacheControl: string,
  disposition?: string,
): CachedAnswer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { body: bytes, etag: strongEtag(bytes), contentType, cacheControl, disposition };
}

const RECHECK_MS = 5_000;
const MAX_ENTRIES = 5_000;

/**
 * Rendered public answers by address, valid for one publication generation. The staff
 * routes that publish or upload boundaries call `invalidate()`; a publication by another
 * process is noticed within RECHECK_MS through `readGeneration` (a count of publications, or any value that changes with what is shown).
 */
export class PortalCache<T = CachedAnswer> {
  #answers = new Map<string, Promise<T | null>>();
  #generation: number | string | null = null;
  #checkedAt = 0;
  #checking: Promise<void> | null = null;
  /** Moves on whenever the answers are dropped. */
  #era = 0;

  constructor(private readonly readGeneration: () => Promise<number | string>) {}

  invalidate(): void {
    this.#answers.clear();
    this.#era += 1;
    this.#generation = null;
  }

  /**
   * A test, without waiting, of whether what is held now still stands: false once the answers
   * are dropped. Once the generation is due for its recheck, the test starts the recheck and
   * what is held stands until it ends (decision 0230): a visitor is not made to wait for the
   * database, which in a busy moment answers behind every write, to be told what it was told
   * 5 s before. A publication by another process thus shows within RECHECK_MS plus one
   * recheck; a failed recheck drops what is held.
   */
  standing(): () => boolean {
    const era = this.#era;
    return () => {
      if (era !== this.#era || this.#generation === null) return false;
      if (Date.now() - this.#checkedAt >= RECHECK_MS) this.#fresh().catch(this.#forget);
      return true;
    };
  }

  #forget = (): void => {
    this.#generation = null;
  };

  async #fresh(): Promise<void> {
    if (this.#generation !== null && Date.now() - this.#checkedAt < RECHECK_MS) return;
    this.#checking ??= (async () => {
      const generation = await this.readGeneration();
      if (generation !== this.#generation) {
        this.#answers.clear();
        this.#era += 1;
      }
      this.#generation = generation;
      this.#checkedAt = Date.now();
    })().finally(() => {
      this.#checking = null;
    });
    await this.#checking;
  }

  /** The answer for `key`, rendered by `render` once per generation (null: not found). */
  async get(key: string, render: () => Promise<T | null>): Promise<T | null> {
    await this.#fresh();
    let answer = this.#answers.get(key);
    if (!answer) {
      // Addresses are bounded by published snapshots and units; the cap only guards memory.
      if (this.#answers.size >= MAX_ENTRIES) this.#answers.clear();
      answer = render();
      this.#answers.set(key, answer);
      // A failure or a "not found" is not kept: the next request tries again.
      answer.then(
        (found) => found === null && this.#answers.delete(key),
        () => this.#answers.delete(key),
      );
    }
    return answer;
  }
}
