/** The pages of the portal and the parameters their URL carries. */
export type Route =
  | { page: 'rating'; code: string | null }
  | { page: 'plan'; code: string | null }
  | { page: 'not-found' };

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
 * @example matchRoute('/rating/orenburg-2022-top10') // { page: 'rating', code: 'orenburg-2022-top10' }
 */
export function matchRoute(path: string): Route {
  const segments = path.split('/').filter((s) => s !== '');
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found' };
  if (first === undefined) return { page: 'rating', code: null };
  if (first !== 'rating' && first !== 'plan') return { page: 'not-found' };
  if (second === undefined) return { page: first, code: null };
  const code = decode(second);
  return code === null ? { page: 'not-found' } : { page: first, code };
}

export const ratingPath = (code: string): string => `/rating/${encodeURIComponent(code)}`;
export const planPath = (code: string): string => `/plan/${encodeURIComponent(code)}`;
