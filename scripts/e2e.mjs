// Browser tests in Debian's Chromium. Without Chromium they are skipped with one loud line,
// unless MUNIRANK_REQUIRE_SYSTEM=1 (set by CI), which turns the absence into a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.MUNIRANK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const line = `!!! Chromium не найден (${chromium}): браузерные тесты ПРОПУЩЕНЫ. Установите его: npm run setup:system`;
  console.error(line);
  process.exit(process.env.MUNIRANK_REQUIRE_SYSTEM === '1' ? 1 : 0);
}
const result = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
