// `npm test`: format and lint, types, build, unit and database tests, browser tests.
// Stops at the first failing step and says which one failed.
import { spawnSync } from 'node:child_process';

const steps = [
  ['формат и линтер (Biome)', 'npx', ['biome', 'ci', '--error-on-warnings', '.']],
  ['типы (сервер, CLI, тесты)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['типы (веб)', 'npx', ['tsc', '-p', 'web/tsconfig.json', '--noEmit']],
  ['сборка', 'npm', ['run', 'build', '--silent']],
  ['модульные тесты и тесты баз данных (SQLite, PostgreSQL)', 'npx', ['vitest', 'run']],
  ['браузерные тесты (Chromium)', 'node', ['scripts/e2e.mjs']],
];

for (const [title, command, args] of steps) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✗ npm test: шаг «${title}» не пройден`);
    process.exit(result.status ?? 1);
  }
  console.log(`--- ${title}: готово за ${((Date.now() - started) / 1000).toFixed(1)} с`);
}
console.log('\n✓ npm test: все шаги пройдены');
