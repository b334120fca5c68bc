import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessConfig } from './access-config.js';

export const SESSION_COOKIE = 'munirank_session';

/** The session id from the Cookie header, or null. Only our cookie's syntax is accepted. */
export function readSessionCookie(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }
  return null;
}

function isSecure(request: FastifyRequest, config: AccessConfig): boolean {
  if (config.secureCookies !== 'auto') return config.secureCookies === 'always';
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return request.protocol === 'https' || proto === 'https';
}

/** `HttpOnly; SameSite=Strict; Path=/`, `Secure` behind TLS; no Max-Age: the server decides expiry. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AccessConfig,
  sessionId: string,
): void {
  const secure = isSecure(request, config) ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Strict${secure}`,
  );
}

export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AccessConfig,
): void {
  const secure = isSecure(request, config) ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
  );
}
