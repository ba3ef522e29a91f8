import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { sharingReads } from '#event-store';
import { describeFailure, keepProjecting } from '#read-models';
import { ConfigError, openInfrastructure, PROJECTIONS, readConfig } from '#tracker';

/**
 * Runs the read-model projections outside the API (set PROJECTIONS=off on the API). Several
 * projectors may run: one is active per projection, the others wait as standbys.
 */
async function main() {
  const logger = new Logger('projector');
  const config = readConfig();
  const infrastructure = await openInfrastructure(config, logger);
  const stop = new AbortController();
  const shutdown = () => stop.abort();
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  logger.log(`running ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  const store = sharingReads(infrastructure.store);
  await Promise.all(
    PROJECTIONS.map((projection) =>
      keepProjecting(store, infrastructure.readModels, projection, {
        signal: stop.signal,
        attempts: config.projectionAttempts,
        onRunnerState: (state) => logger.log(`${projection.name}: ${state.state}${state.error ? ` (${state.error})` : ''}`),
        onFailure: (failure) => (failure.parked ? logger.error(describeFailure(failure)) : logger.warn(describeFailure(failure))),
      }),
    ),
  );
  await infrastructure.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
