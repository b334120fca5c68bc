import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** Who may read /metrics: a bearer token, a list of addresses, both, or (neither set) nobody. */
export interface MetricsAccess {
  token: string | null;
  /** Addresses and IPv4/IPv6 networks (`10.0.0.0/8`); null for any address. */
  allow: string[] | null;
}

/** MUNIRANK_METRICS_TOKEN and MUNIRANK_METRICS_ALLOW (addresses or networks, comma-separated). */
export function readMetricsAccess(env: NodeJS.ProcessEnv = process.env): MetricsAccess {
  const allow = (env.MUNIRANK_METRICS_ALLOW ?? '').split(/[\s,]+/).filter((a) => a !== '');
  for (const entry of allow) {
    const [address, bits] = entry.split('/');
    if (!isIP(address ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`MUNIRANK_METRICS_ALLOW: «${entry}» — не адрес и не сеть вида 10.0.0.0/8`);
  }
  return { token: env.MUNIRANK_METRICS_TOKEN || null, allow: allow.length > 0 ? allow : null };
}

function addressAllowed(allow: readonly string[], ip: string): boolean {
  const list = new BlockList();
  for (const entry of allow) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return isIP(plain) !== 0 && list.check(plain, family);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Why a request may not read the metrics (in Russian), or null when it may. With both a
 * token and an address list set, both are required; the token is compared in constant time.
 */
export function metricsRefusal(
  access: MetricsAccess,
  request: { ip: string; authorization: string | undefined },
): string | null {
  if (access.token === null && access.allow === null)
    return 'Метрики закрыты: задайте MUNIRANK_METRICS_TOKEN и/или MUNIRANK_METRICS_ALLOW.';
  if (access.allow !== null && !addressAllowed(access.allow, request.ip))
    return `Метрики недоступны с адреса ${request.ip}.`;
  if (access.token !== null) {
    const presented = /^bearer (.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? '';
    if (!timingSafeEqual(digest(presented), digest(access.token)))
      return 'Метрики требуют токен: заголовок Authorization: Bearer <MUNIRANK_METRICS_TOKEN>.';
  }
  return null;
}
