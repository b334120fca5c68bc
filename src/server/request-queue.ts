import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

declare module 'fastify' {
  interface FastifyInstance {
    /** The requests waiting for the application (`buildApp`); released when the server stops. */
    requestQueue: RequestQueue;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Waiting {
  req: IncomingMessage;
  res: ServerResponse;
  /** performance.now() when the request joined the queue. */
  at: number;
}

/**
 * Requests handed to the application per turn of the event loop. One gave the fastest reads
 * but cost more CPU per request than no queue at all; two cost none (decision 0230).
 */
const REQUESTS_PER_TURN = 2;

/**
 * The requests the application answers (everything the replayed answers do not), handed to it
 * REQUESTS_PER_TURN per turn of the event loop, in the order they arrived (decision 0230).
 *
 * libuv's poll phase runs the callback of every socket that is ready, one after the other. Had
 * the application taken each request in that callback, a read of a published page that
 * arrived together with a hundred saves would wait for all of them. Here a request only joins
 * the queue in its socket's callback; a `setImmediate` callback (the check phase, after the
 * poll) takes the oldest ones to the application, whose synchronous part (routing, hooks, body
 * parsing, the handler up to its first wait) runs in that callback and the microtasks after
 * it, and the next ones go in the next turn. So every poll phase meets the newly arrived reads
 * after at most that much work, and the replayed answers are given there at once.
 */
export class RequestQueue {
  #handler: Handler;
  /** Waiting requests from `#head` on; the array is compacted once half of it is spent. */
  #waiting: (Waiting | undefined)[] = [];
  #head = 0;
  #scheduled = false;
  #released = false;
  /** How long each request waited in the queue, in milliseconds, for the duration metric. */
  #waited = new WeakMap<IncomingMessage, number>();

  constructor(handler: Handler) {
    this.#handler = handler;
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** Takes `req` to the application in its turn (at once once released). */
  admit(req: IncomingMessage, res: ServerResponse): void {
    if (this.#released) {
      this.#handler(req, res);
      return;
    }
    this.#waiting.push({ req, res, at: performance.now() });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#next);
    }
  }

  /**
   * Hands every waiting request to the application now and every later one at once: called
   * when the server stops, so that a request that had arrived before the stop is answered as
   * it would have been without the queue, and those after it get the application's 503.
   */
  release(): void {
    this.#released = true;
    while (this.waiting > 0) this.#handOver();
  }

  /** Milliseconds `req` waited in the queue (0 for one that never waited). */
  waitedMs(req: IncomingMessage): number {
    return this.#waited.get(req) ?? 0;
  }

  #next = (): void => {
    this.#scheduled = false;
    try {
      for (let i = 0; i < REQUESTS_PER_TURN && this.waiting > 0; i += 1) this.#handOver();
    } finally {
      // Even after an exception in the application, the rest wait one turn, no longer.
      if (this.waiting > 0 && !this.#scheduled) {
        this.#scheduled = true;
        setImmediate(this.#next);
      }
    }
  };

  #handOver(): void {
    const item = this.#waiting[this.#head];
    this.#waiting[this.#head] = undefined;
    this.#head += 1;
    if (this.#head === this.#waiting.length) {
      this.#waiting = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
    if (item === undefined) return;
    // The client left while its request waited: Node has destroyed the request with its
    // unread body, and there is nobody to answer; the request is dropped as if never sent.
    if (item.req.destroyed) return;
    this.#waited.set(item.req, performance.now() - item.at);
    this.#handler(item.req, item.res);
  }
}
