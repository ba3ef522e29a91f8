import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { EVENT_STORE, READ_MODELS } from '../infrastructure/tokens.js';
import { ProjectionsService } from '../projections/projections.service.js';

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The event store, the read model, and how far behind each projection is' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [store, readModel] = await Promise.all([
      this.store.headPosition().then((head) => ({ ok: true, head }), (error: Error) => ({ ok: false, error: error.message })),
      this.db.query('SELECT 1').then(() => ({ ok: true }), (error: Error) => ({ ok: false, error: error.message })),
    ]);
    const projections = store.ok && readModel.ok ? await this.projections.status() : [];
    const ok = store.ok && readModel.ok;
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', eventStore: store, readModel, projections };
  }
}
