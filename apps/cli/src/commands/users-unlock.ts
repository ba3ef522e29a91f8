import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { clearSignInFailures } from '#tracker';
import { withProjectionsContext } from './projections-context.js';

export async function unlockUser(readModels: DataSource, username: string): Promise<string> {
  const cleared = await clearSignInFailures(readModels, username);
  return cleared ? `${username}: ${cleared} count(s) of failed sign-ins cleared; every address may try again at once` : `${username}: no failed sign-ins counted`;
}

export function registerUsersUnlock(program: Command): void {
  program
    .command('users:unlock')
    .description('Forget the failed sign-ins counted on an account (from every address), so it is neither slowed down nor refused')
    .argument('<username>', 'the account')
    .action(async (username: string) => {
      await withProjectionsContext(async ({ readModels }) => console.log(await unlockUser(readModels, username)));
    });
}
