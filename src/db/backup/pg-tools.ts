import { spawn } from 'node:child_process';

/** A PostgreSQL URL without its password, and the password for PGPASSWORD (never in `ps`). */
export function splitPassword(url: string): { url: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/**
 * Runs a PostgreSQL client program (pg_dump, pg_restore) found on PATH; a missing program and
 * a failure are explained in Russian with the program's own message.
 */
export function runPgTool(program: string, args: string[], databaseUrl: string): Promise<void> {
  const { url, env } = splitPassword(databaseUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${url}`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `Программа ${program} не найдена (PATH: ${process.env.PATH ?? ''}). Установите клиент ` +
                'PostgreSQL той же или более новой версии, что и сервер (Debian: apt install postgresql-client).'
            : `${program} не запустился: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${program} завершился с ошибкой (код ${code}): ${stderr.trim()}`)),
    );
  });
}
