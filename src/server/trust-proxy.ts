/**
 * Which reverse proxies may say who the client is (MUNIRANK_TRUST_PROXY). Off by default: a
 * client could otherwise write any address into X-Forwarded-For and escape login throttling.
 * `1`/`true` trusts every hop (only behind a proxy that overwrites the header); a list of
 * addresses or networks (`10.0.0.1,10.1.0.0/16`) trusts those proxies alone.
 */
export function readTrustProxy(env: NodeJS.ProcessEnv = process.env): boolean | string[] {
  const value = env.MUNIRANK_TRUST_PROXY?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  const list = value.split(',').map((a) => a.trim());
  const bad = list.find((a) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a));
  if (bad !== undefined)
    throw new Error(
      `Недопустимое значение MUNIRANK_TRUST_PROXY: «${bad}» — укажите 1, 0 или адреса прокси через запятую`,
    );
  return list;
}
