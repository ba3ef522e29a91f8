import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTrackerApp } from './app.js';
import { ConfigError, openInfrastructure, readConfig } from '#tracker';

async function main() {
  const logger = new Logger('tracker');
  const config = readConfig();
  const infrastructure = await openInfrastructure(config, logger);
  let app: NestExpressApplication | undefined;

  // Whatever ends the process (a signal, even during the start, or a start that fails) stops the
  // embedded PostgreSQL too, rather than leaving it holding its data directory.
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.log('stopping');
    await app?.close().catch((error: unknown) => logger.error(String(error)));
    await infrastructure.close().catch((error: unknown) => logger.error(String(error)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    app = await createTrackerApp({
      store: infrastructure.store,
      readModels: infrastructure.readModels,
      projections: config.projections,
      demoData: config.demoData,
      context: config.context,
      projectionPolicy: { attempts: config.projectionAttempts, lagSeconds: config.projectionLagSeconds },
      auth: config.auth,
      evidence: { storage: infrastructure.evidence, maxBytes: config.evidence.maxBytes },
      uploads: config.uploads,
      logLevel: config.logLevel,
    });
    await app.listen(config.port, config.host);
  } catch (error) {
    console.error(error);
    await stop(1);
    return;
  }
  logger.log(`Ceasefire tracker (Node ${process.version}): http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs), listening on ${config.host}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
