/** The pages of the portal and the parameters their URL carries. */
export type Route =
  | { page: 'rating'; code: string | null }
  | { page: 'plan'; code: string | null }
  | { page: 'login' }
  | { page: 'password' }
  | { page: 'admin-users' }
  | { page: 'admin-tokens' }
  | { page: 'admin-audit' }
  | { page: 'admin-boundaries' }
  | { page: 'admin-registry' }
  | { page: 'import' }
  | { page: 'entry' }
  | { page: 'collection' }
  | { page: 'measures' }
  | { page: 'measure-summary' }
  | { page: 'commission-report' }
  | { page: 'rating-manage' }
  | { page: 'cycle' }
  | { page: 'crosscheck' }
  | { page: 'values' }
  | { page: 'reference' }
  | { page: 'methodologies' }
  | { page: 'methodology'; code: string }
  | { page: 'indicators' }
  | { page: 'not-found' };

/** Pages without parameters: sign-in, own password, administration. */
const FIXED_PAGES: Record<string, Route> = {
  '/login': { page: 'login' },
  '/account/password': { page: 'password' },
  '/admin/users': { page: 'admin-users' },
  '/admin/tokens': { page: 'admin-tokens' },
  '/admin/audit': { page: 'admin-audit' },
  '/admin/boundaries': { page: 'admin-boundaries' },
  '/admin/registry': { page: 'admin-registry' },
  '/data/import': { page: 'import' },
  '/data/entry': { page: 'entry' },
  '/data/collection': { page: 'collection' },
  '/data/measures': { page: 'measures' },
  '/data/measure-summary': { page: 'measure-summary' },
  '/data/commission-report': { page: 'commission-report' },
  '/data/ratings': { page: 'rating-manage' },
  '/data/cycle': { page: 'cycle' },
  '/data/crosscheck': { page: 'crosscheck' },
  '/data/values': { page: 'values' },
  '/data/reference': { page: 'reference' },
  '/data/methodologies': { page: 'methodologies' },
  '/data/indicators': { page: 'indicators' },
};

const decode = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * Maps a URL path to a page.
 *
 * @example matchRoute('/data/rating/orenburg-2022-top10') // { page: 'rating', code: 'orenburg-2022-top10' }
 */
export function matchRoute(path: string): Route {
  const fixed = FIXED_PAGES[path.replace(/\/+$/, '')];
  if (fixed) return fixed;
  const editor = /^\/data\/methodologies\/([^/]+)\/?$/.exec(path);
  if (editor?.[1]) {
    const code = decode(editor[1]);
    return code === null ? { page: 'not-found' } : { page: 'methodology', code };
  }
  // The department's view of published ratings (with explanations and the official's own
  // place) lives under /data/rating: /, /rating and /rating/{code} are the public portal's.
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s, i, all) => (i === 0 && s === 'data' && all[1] === 'rating' ? null : s))
    .filter((s): s is string => s !== null);
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found' };
  if (first === undefined) return { page: 'rating', code: null };
  if (first !== 'rating' && first !== 'plan') return { page: 'not-found' };
  if (second === undefined) return { page: first, code: null };
  const code = decode(second);
  return code === null ? { page: 'not-found' } : { page: first, code };
}

export const ratingPath = (code: string): string => `/data/rating/${encodeURIComponent(code)}`;
export const planPath = (code: string): string => `/plan/${encodeURIComponent(code)}`;
export const methodologyPath = (code: string): string =>
  `/data/methodologies/${encodeURIComponent(code)}`;
