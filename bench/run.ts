// `npm run bench`: runs every bench/*-bench.ts in turn. Each prints its figures beside a
// baseline measured in the same run; nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliNodeFlags } from './bench-dist.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
// What follows the name goes to the bench: `npm run bench load -- --soak 600`.
const rest = process.argv.slice(3);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts') && (!only || f.includes(only)))
  .sort();
if (files.length === 0) console.log('Нет бенчмарков (bench/*-bench.ts).');
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file}`);
  // --expose-gc: a bench may start each measurement from a collected heap (see import-bench).
  // The munirank command's own flags (decision 0210), so that what a bench times in its own
  // process runs as it does for a user.
  const r = spawnSync(
    process.execPath,
    [...cliNodeFlags(), '--expose-gc', '--import', 'tsx', `${dir}${file}`, ...rest],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
