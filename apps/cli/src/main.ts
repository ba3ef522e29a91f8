#!/usr/bin/env node
import { Command } from 'commander';
import { registerEvidenceVerify } from './commands/evidence-verify.js';
import { registerImportDataset } from './commands/import-dataset.js';
import { registerProjectionsList } from './commands/projections-list.js';
import { registerProjectionsParked } from './commands/projections-parked.js';
import { registerProjectionsRebuild } from './commands/projections-rebuild.js';
import { registerProjectionsVerify } from './commands/projections-verify.js';
import { registerStoreCopy } from './commands/store-copy.js';
import { registerUsersUnlock } from './commands/users-unlock.js';

/**
 * The tracker's command-line tool: `npm run cli -- <command> [options]`.
 * Each command lives in its own file under commands/ and registers itself here: add yours to
 * the list, and keep this file a registry.
 */
const COMMANDS: ((program: Command) => void)[] = [registerStoreCopy, registerProjectionsList, registerProjectionsRebuild, registerProjectionsVerify, registerProjectionsParked, registerUsersUnlock, registerImportDataset, registerEvidenceVerify];

const program = new Command('tracker')
  .description('Ceasefire tracker: operations on the event store and the read models')
  .showHelpAfterError();
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
