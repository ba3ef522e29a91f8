import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createTrackerApp } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { openInfrastructure } from './infrastructure/open-infrastructure.js';

async function main() {
  const logger = new Logger('tracker');
  const config = readConfig();
  const infrastructure = await openInfrastructure(config, (line) => logger.log(line));
  const app = await createTrackerApp({
    store: infrastructure.store,
    readModels: infrastructure.readModels,
    projections: config.projections,
    demoData: config.demoData,
    projectionPolicy: { attempts: config.projectionAttempts, lagSeconds: config.projectionLagSeconds },
    auth: config.auth,
  });
  await app.listen(config.port);
  logger.log(`Ceasefire tracker: http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.log('stopping');
    await app.close();
    await infrastructure.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
