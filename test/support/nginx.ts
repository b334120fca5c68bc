import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's nginx (in /usr/sbin, often off a user's PATH), or null. */
export function findNginx(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'nginx');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
}
