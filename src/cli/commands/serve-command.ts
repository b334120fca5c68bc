import type { Command } from 'commander';
import type { ServeOptions } from '../serve.js';

/** The server and its dependencies load only when a serving command runs (the other commands start fast). */
const serve = async (opts: ServeOptions) => (await import('../serve.js')).serve(opts);

const withServeOptions = (command: Command) =>
  command
    .option('-p, --port <порт>', 'порт HTTP (по умолчанию PORT или 3000)')
    .option('--host <адрес>', 'адрес, на котором слушать (по умолчанию HOST или 127.0.0.1)')
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)');

export function registerServeCommands(program: Command): void {
  withServeOptions(
    program.command('serve').description('Применить миграции и запустить веб-сервер и API'),
  )
    .option('--demo', 'загрузить демо-данные, если их ещё нет')
    .action((opts: ServeOptions) => serve(opts));
  withServeOptions(
    program
      .command('start')
      .description('Первый запуск: миграции, демо-данные Оренбургской области (один раз) и сервер'),
  ).action((opts: ServeOptions) => serve({ ...opts, demo: true, demoAccounts: true }));
}
