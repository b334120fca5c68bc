import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One answer as the application sent it: status 200, its headers and bytes. */
export interface RecordedAnswer {
  /** The route pattern, for the request-duration metric. */
  route: string;
  /** Every header the application sent, except the request id and the length. */
  headers: Record<string, number | string | string[] | undefined>;
  body: Buffer;
  etag: string;
  /** Whether the answer still stands (the cache it came from has not moved on). */
  stillValid: () => boolean;
}

export interface ReplayHooks {
  genReqId: () => string;
  /** Records the duration of an answer given without the framework. */
  observe: (route: string, status: number, seconds: number) => void;
  /** Writes the journal's line for an answer given without the framework, when there is a journal. */
  log?: (line: {
    reqId: string;
    req: { method: string; url: string };
    res: { statusCode: number };
    responseTime: number;
  }) => void;
}

const MAX_ENTRIES = 5_000;
/** Headers a 304 answer leaves out: it carries no body. */
const BODY_HEADERS = new Set(['content-type', 'content-disposition', 'content-length']);

/**
 * Public answers that the application renders once and that are the same for every anonymous
 * visitor (published snapshots' pages and files), given again byte for byte — headers
 * included — straight from the HTTP server, without routing and hooks (decision 0010). Only an
 * anonymous GET of exactly the recorded address is answered here: a request with a cookie, a
 * token or anything unknown goes to the application, which stays the only source of answers.
 */
export class ReplayAnswers {
  #answers = new Map<string, RecordedAnswer>();

  constructor(readonly hooks: ReplayHooks) {}

  record(url: string, answer: RecordedAnswer): void {
    if (this.#answers.size >= MAX_ENTRIES) this.#answers.clear();
    this.#answers.set(url, answer);
  }

  /** Answers `req` from a recorded answer that still stands; false: the application answers. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || req.url === undefined) return false;
    const headers = req.headers;
    if (headers.cookie !== undefined || headers.authorization !== undefined) return false;
    const answer = this.#answers.get(req.url);
    if (answer === undefined) return false;
    if (!answer.stillValid()) {
      this.#answers.delete(req.url);
      return false;
    }
    const started = performance.now();
    const reqId = this.hooks.genReqId();
    if (headers['if-none-match'] === answer.etag) {
      const kept: OutgoingHttpHeaders = { 'x-request-id': reqId };
      for (const [name, value] of Object.entries(answer.headers))
        if (!BODY_HEADERS.has(name) && value !== undefined) kept[name] = value;
      res.writeHead(304, kept);
      res.end();
    } else {
      res.writeHead(200, {
        ...(answer.headers as OutgoingHttpHeaders),
        'x-request-id': reqId,
        'content-length': answer.body.length,
      });
      res.end(answer.body);
    }
    const elapsed = performance.now() - started;
    this.hooks.observe(answer.route, res.statusCode, elapsed / 1000);
    this.hooks.log?.({
      reqId,
      req: { method: 'GET', url: req.url },
      res: { statusCode: res.statusCode },
      responseTime: elapsed,
    });
    return true;
  }
}
