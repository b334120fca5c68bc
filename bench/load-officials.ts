// What an official's browser and a visitor's do in the load bench: log in, open the month's
// form, save it, submit it (the calls of the entry page), read the public league table.
import type { Agent } from 'node:http';
import { call, runPool, type Series, steadyRate } from './load-client.js';
import {
  enteredValue,
  INDICATORS,
  indicatorCode,
  LEAGUE_TABLE,
  municipalityCode,
  officialName,
  PASSWORD,
  PERIOD,
} from './load-seed.js';
import type { RunningServer } from './load-server.js';

export interface Session {
  cookie: string;
  csrf: string;
}

/** Logs officials 0..count−1 in, `concurrency` at a time, until `deadline`; sessions by index. */
export async function logIn(
  server: RunningServer,
  agent: Agent,
  count: number,
  series: Series,
  bounds: { concurrency: number; deadline: number },
): Promise<(Session | null)[]> {
  const sessions: (Session | null)[] = new Array(count).fill(null);
  await runPool(count, bounds.concurrency, bounds.deadline, async (o) => {
    const answer = await call(agent, server.base, 'POST', '/api/session/login', {
      body: { username: officialName(o), password: PASSWORD },
    });
    if (!series.add(answer)) return;
    const cookie = answer.setCookie
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('munirank_session='));
    const { csrfToken } = JSON.parse(answer.body) as { csrfToken: string };
    sessions[o] = { cookie: cookie ?? '', csrf: csrfToken };
  });
  return sessions;
}

/** The league table as visitors read it, at a steady rate, until stopped. */
export function readLeagueTable(
  server: RunningServer,
  agent: Agent,
  perSecond: number,
  series: Series,
) {
  return steadyRate(perSecond, async () => {
    series.add(await call(agent, server.base, 'GET', `/rating/${LEAGUE_TABLE}`));
  });
}

/** The entry form of official o's municipality for the month. */
export const formPath = (o: number) => `/api/entry-forms/${municipalityCode(o)}/${PERIOD}`;

/** What official o types into the form (its k-th version in the soak). */
export const dataSet = (o: number, k = 0) => ({
  values: Object.fromEntries(
    Array.from({ length: INDICATORS }, (_, i) => [indicatorCode(i), enteredValue(o, i, k)]),
  ),
  comments: {},
});
