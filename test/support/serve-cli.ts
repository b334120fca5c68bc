import { startCli } from './run-cli.js';

/**
 * `munirank serve` on a free port, as an operator runs it; `address` resolves once it listens.
 *
 * @example const server = serveCli(instance.env); const base = await server.address;
 */
export function serveCli(env: Record<string, string>, args: string[] = []) {
  const child = startCli(['serve', '--port', '0', ...args], env);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const address = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const m = output.match(/munirank работает: (http:\/\/localhost:\d+)\//);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve ended with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, address, exited, output: () => output };
}

/** The journal's JSON lines (the banner lines are plain text). */
export const journalLines = (output: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
