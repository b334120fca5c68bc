// Benches that time what a user's process runs measure the compiled code in dist/, as
// `munirank` and the server run it: dist/ is brought up to date first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Compiles src/ into dist/ (tsc -p tsconfig.build.json), or throws with the compiler's output. */
export function buildDist(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    throw new Error(`сборка dist/ не удалась:\n${build.stdout}${build.stderr}`);
}

/** A compiled module of dist/ by its path under src/, e.g. `db/connect.js`. */
export function fromDist<T>(path: string): Promise<T> {
  return import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
}
