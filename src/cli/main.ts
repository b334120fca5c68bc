import { Command, CommanderError } from 'commander';
import { InputError } from '../ingest/input-problem.js';
import { registerBackupCommands } from './commands/backup-command.js';
import { registerCrossCheckCommand } from './commands/crosscheck-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerIndicatorCommand } from './commands/indicator-command.js';
import { registerMethodologyCommand } from './commands/methodology-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerMigrateToPostgresCommand } from './commands/migrate-to-postgres-command.js';
import { registerPlanCommand } from './commands/plan-command.js';
import { registerPortalCommand } from './commands/portal-command.js';
import { registerRatingCommands } from './commands/rating-commands.js';
import { registerRatingReviewCommands } from './commands/rating-review-command.js';
import { registerRegionCommand } from './commands/region-command.js';
import { registerRegistryCommand } from './commands/registry-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerServeCommands } from './commands/serve-command.js';
import { registerUserCommand } from './commands/user-command.js';
import { configureRussianHelp } from './russian-help.js';

export function buildProgram(): Command {
  const program = new Command('munirank')
    .description('munirank — рейтинг муниципальных образований по уровню цифрового развития')
    .version('0.1.0', '-V, --version', 'показать версию')
    .showHelpAfterError();
  registerServeCommands(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerRatingCommands(program);
  registerRatingReviewCommands(program);
  registerMethodologyCommand(program);
  registerUserCommand(program);
  registerImportCommand(program);
  registerIndicatorCommand(program);
  registerReportCommand(program);
  registerPortalCommand(program);
  registerPlanCommand(program);
  registerRegionCommand(program);
  registerRegistryCommand(program);
  registerCrossCheckCommand(program);
  registerBackupCommands(program);
  registerMigrateToPostgresCommand(program);
  configureRussianHelp(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`Ошибка: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof InputError) && process.env.MUNIRANK_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
