import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { can } from '#domain';
import type { Request, Response } from 'express';
import { Public } from '../auth/access.decorators.js';
import { ProjectionsService, type Readiness } from '../projections/projections.service.js';

/**
 * Three answers: `live` (the process answers), `ready` (the database answers and the read side is
 * complete and current: 503 otherwise), and the summary `/api/health` (`ok`, `degraded` while the
 * read side is behind or has parked events, 503 `unavailable` without the database). Anyone sees
 * the status and a one-word reason; positions, lags, parked events and raw errors only a signed-in
 * administrator.
 */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process answers (always 200 while it runs)' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The database answers, no event is parked, every projection within its lag bound: 200, or 503 with the reason' })
  async ready(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const readiness = await this.projections.readiness();
    response.status(readiness.ready ? 200 : 503);
    return this.answer(request, readiness.ready ? 'ready' : 'not_ready', readiness);
  }

  @Get()
  @ApiOperation({ summary: 'ok, degraded (read side behind or events parked), or 503 unavailable (no database)' })
  async health(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const readiness = await this.projections.readiness();
    const status = readiness.ready ? 'ok' : readiness.reason === 'database_unreachable' ? 'unavailable' : 'degraded';
    response.status(status === 'unavailable' ? 503 : 200);
    return this.answer(request, status, readiness);
  }

  private answer(request: Request, status: string, readiness: Readiness) {
    const summary = { status, ...(readiness.reason ? { reason: readiness.reason } : {}) };
    if (!request.principal || !can(request.principal.roles, 'health:details')) return summary;
    const { problems, eventStore, readModel, projections, parkedEvents } = readiness;
    return { ...summary, problems, eventStore, readModel, projections, parkedEvents };
  }
}
