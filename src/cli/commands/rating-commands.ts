import type { Command } from 'commander';
import { registerComputeCommand } from './compute-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerUncertaintyCommand } from './uncertainty-command.js';
import { registerVerifyCommand } from './verify-command.js';

/** compute, verify, uncertainty, simulate: the rating engine on files, without a database. */
export function registerRatingCommands(program: Command): void {
  registerComputeCommand(program);
  registerVerifyCommand(program);
  registerUncertaintyCommand(program);
  registerSimulateCommand(program);
}
