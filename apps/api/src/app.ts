import 'reflect-metadata';
import { existsSync } from 'node:fs';
import compression from 'compression';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '#tracker';
import { AppModule } from './app.module.js';
import { harden } from './http/hardening.js';
import { strictValidationPipe } from './http/field-errors.js';
import { ProblemFilter } from './http/problem.filter.js';
import { refuseUnstorableInput, StorablePathParams } from './http/storable-input.js';
import type { TrackerOptions } from './infrastructure/tracker-options.js';
import { describeApi } from './openapi/openapi-document.js';
import { projectRoot } from './project/project-root.js';

// What a caller of this public entry (main.ts, the tests, the benches) needs to say.
export type { ProjectionPolicy, TrackerOptions } from './infrastructure/tracker-options.js';
export { BOOTSTRAP_ADMIN } from './auth/bootstrap-admin.service.js';

/** The tracker's HTTP app over a store and a read-model database, not yet listening. */
/**
 * Logs go to stdout unless given `logDestination` (a test reads them there). nestjs-pino keeps one
 * logger per process: the first app's level and destination hold for any later one.
 */
export async function createTrackerApp(options: TrackerOptions & { logLevel?: LogLevel; logDestination?: DestinationStream }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, logLevel: options.logLevel ?? 'info' }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(refuseUnstorableInput);
  // gzip: a monitor's satellite link pays for every byte of the map's incidents and scripts.
  app.use(compression());
  harden(app, options.auth);
  app.useGlobalPipes(new StorablePathParams(), strictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup('api/docs', app, describeApi(app));
  const web = join(projectRoot(), 'apps/web/dist');
  if (existsSync(web)) app.useStaticAssets(web, { index: 'index.html' });
  await app.init();
  return app;
}
