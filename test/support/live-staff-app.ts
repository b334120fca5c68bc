import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema/index.js';
import type { TestDatabase } from './databases.js';
import { openStaffApp, type StaffApp } from './staff-app.js';

export interface LiveAnswer {
  status: number;
  body: { error?: string; message?: string; [key: string]: unknown };
}

export interface LiveStaffApp extends StaffApp {
  /** One request over a real TCP connection to the listening server. */
  send: (
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    headers: Record<string, string>,
    payload?: object,
  ) => Promise<LiveAnswer>;
}

/**
 * The demo region's staff application listening on a loopback port, so that races go through
 * the server as browsers send them: separate connections, requests truly in flight together.
 */
export async function openLiveStaffApp(kind: TestDatabase): Promise<LiveStaffApp> {
  const staff = await openStaffApp(kind);
  await staff.app.listen({ port: 0, host: '127.0.0.1' });
  const address = staff.app.server.address();
  if (address === null || typeof address !== 'object') throw new Error('no server address');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    ...staff,
    async send(method, path, headers, payload) {
      const res = await fetch(base + path, {
        method,
        headers: {
          ...headers,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? {} : JSON.parse(text) };
    },
  };
}

/** How many answers had each status, e.g. `{ 200: 1, 409: 9 }`. */
export function countStatuses(answers: LiveAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

/** Fires `n` requests at once (all started before any is awaited) and returns every answer. */
export function fireTogether(
  n: number,
  request: (i: number) => Promise<LiveAnswer>,
): Promise<LiveAnswer[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => request(i)));
}

/** An audit event's before or after state as recorded. */
export type AuditState = Record<string, unknown> | null;

/** The allowed audit events of an action on an entity, oldest first, before/after parsed. */
export async function auditTrail(
  db: Kysely<Database>,
  action: string,
  entityId: string,
): Promise<{ before: AuditState; after: AuditState }[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['before_json', 'after_json'])
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .where('outcome', '=', 'allowed')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}
