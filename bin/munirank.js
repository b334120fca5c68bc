#!/usr/bin/env node
// Entry point of the `munirank` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error(
    'munirank не собран: выполните `npm run build` (или `npm ci`, который собирает его сам).',
  );
  process.exit(1);
}
const { main } = await import(compiled.href);
await main(process.argv);
