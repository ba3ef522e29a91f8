import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';

/** The API's OpenAPI document, as served at /api/docs. */
export function describeApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ceasefire incident tracker')
      .setDescription('Incidents as immutable events; read models projected into PostgreSQL.')
      .setVersion('0.1')
      .build(),
  );
}

/**
 * The same document without a database: Nest's preview mode resolves the modules and their routes
 * but creates no provider, so the store and read models it is given are never touched.
 */
export async function apiDocument(): Promise<OpenAPIObject> {
  const untouched = {} as EventStore & DataSource;
  const app = await NestFactory.create(
    AppModule.forRoot({ store: untouched, readModels: untouched, projections: 'off', demoData: false, auth: { bootstrapAdminPassword: undefined, tokenTtlMinutes: 60, corsOrigins: [], writesPerMinute: 1, loginsPerMinute: 1 }, logLevel: 'silent' }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return describeApi(app);
  } finally {
    await app.close();
  }
}
