#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `munirank` command: runs the compiled CLI from dist/. The flag on the
// first line gives V8's young generation room for what one request or document allocates
// (decision 0210); `npm start`, the deployment guide's unit and the benches run munirank
// with the flags of that line.
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
