import { Worker } from 'node:worker_threads';
import { contentHash } from './content-hash.js';

/**
 * The thread's program: SHA-256 of a shared buffer as it is filled. `start` names the buffer,
 * each `upTo` hashes what was written since the last one, `end` hashes the rest and answers
 * with the hex digest (or the error).
 */
const PROGRAM = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const open = new Map();
parentPort.on('message', (message) => {
  if (message === 'close') {
    parentPort.close();
    return;
  }
  const { id } = message;
  try {
    if (message.shared) {
      open.set(id, { hash: createHash('sha256'), bytes: new Uint8Array(message.shared), done: 0 });
      return;
    }
    const state = open.get(id);
    if (message.upTo > state.done) {
      state.hash.update(state.bytes.subarray(state.done, message.upTo));
      state.done = message.upTo;
    }
    if (message.end) {
      open.delete(id);
      parentPort.postMessage({ id, hash: state.hash.digest('hex') });
    }
  } catch (error) {
    open.delete(id);
    if (message.end) parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/** Contents at least this long are hashed by the thread as they are written. */
export const HASH_IN_THREAD_FROM = 1024 * 1024;
/** How much is written between two asks to the thread. */
const STEP = 4 * 1024 * 1024;

let thread: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (hash: string) => void; reject: (e: Error) => void }>();

function started(): Worker {
  if (thread) return thread;
  const worker = new Worker(PROGRAM, { eval: true });
  worker.unref();
  worker.on('message', (reply: { id: number; hash?: string; error?: string }) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.error !== undefined) w?.reject(new Error(reply.error));
    else w?.resolve(reply.hash as string);
  });
  const fail = (error: Error) => {
    if (thread === worker) thread = null;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('поток подсчёта хеша завершился')));
  thread = worker;
  return worker;
}

/**
 * A buffer of `length` bytes whose SHA-256 (`contentHash`) is worked out by a thread of its
 * own while the caller fills it, front to back: `wrote(at)` says how far it is filled,
 * `digest()` gives the hash once all of it is. For a snapshot's 65 MB (20,000 × 60) the
 * hash was 55–60 ms of the event loop's time after the bytes were made; it is now made
 * alongside them. A content shorter than HASH_IN_THREAD_FROM, or one whose thread failed, is
 * hashed here.
 *
 * @example const h = hashedBuffer(3); h.bytes.write('abc'); h.wrote(3); await h.digest()
 */
export function hashedBuffer(length: number): {
  bytes: Buffer;
  wrote(at: number): void;
  digest(): Promise<string>;
} {
  if (length < HASH_IN_THREAD_FROM) {
    const bytes = Buffer.allocUnsafe(length);
    return { bytes, wrote: () => {}, digest: async () => contentHash(bytes) };
  }
  const shared = new SharedArrayBuffer(length);
  const bytes = Buffer.from(shared);
  const id = nextId++;
  let worker: Worker | null = started();
  let told = 0;
  const ask = (message: object) => {
    try {
      worker?.postMessage({ id, ...message });
    } catch {
      worker = null;
    }
  };
  ask({ shared });
  return {
    bytes,
    wrote(at) {
      if (at - told < STEP) return;
      ask({ upTo: at });
      told = at;
    },
    async digest() {
      if (worker === null) return contentHash(bytes);
      const answer = new Promise<string>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.ref();
      ask({ upTo: length, end: true });
      if (worker === null) waiting.delete(id);
      // A thread that failed loses nothing: the bytes are hashed here.
      return worker === null ? contentHash(bytes) : answer.catch(() => contentHash(bytes));
    },
  };
}
