import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runProjection } from '#read-models';
import { ConfigError, readConfig } from '../../api/src/config.js';
import { openInfrastructure } from '../../api/src/infrastructure/open-infrastructure.js';
import { PROJECTIONS } from '../../api/src/projections/projections.js';

/**
 * Runs the read-model projections outside the API (set PROJECTIONS=off on the API). Several
 * projectors may run: one is active per projection, the others wait as standbys.
 */
async function main() {
  const logger = new Logger('projector');
  const config = readConfig();
  const infrastructure = await openInfrastructure(config, (line) => logger.log(line));
  const stop = new AbortController();
  const shutdown = () => stop.abort();
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  logger.log(`running ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  await Promise.all(
    PROJECTIONS.map(async (projection) => {
      while (!stop.signal.aborted) {
        try {
          await runProjection(infrastructure.store, infrastructure.readModels, projection, { live: true, signal: stop.signal });
        } catch (error) {
          logger.error(`${projection.name} failed; retrying from its checkpoint: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    }),
  );
  await infrastructure.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
