/** Settings of sessions and login throttling. */
export interface AccessConfig {
  /** A session ends after this many minutes without a request (MUNIRANK_SESSION_IDLE_MINUTES). */
  idleMinutes: number;
  /** A session ends this many hours after login however active it is (MUNIRANK_SESSION_MAX_HOURS). */
  absoluteHours: number;
  /**
   * `Secure` cookies: `always` (MUNIRANK_SECURE_COOKIES=1), `never` (=0), or `auto`: when the
   * request arrived over TLS or a proxy says so with `X-Forwarded-Proto: https`.
   */
  secureCookies: 'always' | 'never' | 'auto';
  /** Failed logins counted within this window (MUNIRANK_LOGIN_WINDOW_MINUTES). */
  throttleWindowMinutes: number;
  /** Failures per account within the window before logins to it are refused. */
  maxFailuresPerAccount: number;
  /** Failures per address within the window before logins from it are refused. */
  maxFailuresPerIp: number;
  /** The clock; tests move it forward. */
  now: () => Date;
}

/** A positive number from the environment, or the fallback when unset. */
export const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Недопустимое значение ${name}: ${value}`);
  return n;
};

export function readAccessConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AccessConfig> = {},
): AccessConfig {
  const secure = env.MUNIRANK_SECURE_COOKIES;
  return {
    idleMinutes: positive(env.MUNIRANK_SESSION_IDLE_MINUTES, 30, 'MUNIRANK_SESSION_IDLE_MINUTES'),
    absoluteHours: positive(env.MUNIRANK_SESSION_MAX_HOURS, 12, 'MUNIRANK_SESSION_MAX_HOURS'),
    secureCookies:
      secure === '1' || secure === 'true'
        ? 'always'
        : secure === '0' || secure === 'false'
          ? 'never'
          : 'auto',
    throttleWindowMinutes: positive(
      env.MUNIRANK_LOGIN_WINDOW_MINUTES,
      15,
      'MUNIRANK_LOGIN_WINDOW_MINUTES',
    ),
    maxFailuresPerAccount: 5,
    maxFailuresPerIp: 20,
    now: () => new Date(),
    ...overrides,
  };
}
