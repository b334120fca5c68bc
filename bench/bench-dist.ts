// Benches that time what a user's process runs measure the compiled code in dist/, as
// `munirank` and the server run it: dist/ is brought up to date first.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * The node flags of `munirank`, as the first line of bin/munirank.js gives them
 * (`#!/usr/bin/env -S node --max-semi-space-size=…`): a bench that times a user's process
 * starts its child with them.
 */
export function cliNodeFlags(): string[] {
  const first = readFileSync(`${root}bin/munirank.js`, 'utf8').split('\n', 1)[0] ?? '';
  const words = first.replace(/^#!\s*\S+\s+(-S\s+)?/, '').split(/\s+/);
  if (words[0] !== 'node')
    throw new Error(`bin/munirank.js: первая строка не запускает node: ${first}`);
  return words.slice(1).filter((w) => w !== '');
}
