import { ForbiddenException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { can, incidentStreamId } from '#domain';
import type { EventStore } from '#event-store';
import type { Request } from 'express';
import { EVENT_STORE } from '../infrastructure/tokens.js';

/** Monitors correct only the incidents they reported; reviewers correct any. */
@Injectable()
export class OwnReportGuard implements CanActivate {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const principal = request.principal;
    if (principal && can(principal.roles, 'incidents:correct-any')) return true;
    const [report] = await this.store.readStream(incidentStreamId(String(request.params.id)));
    // An unknown incident is the handler's 404 to give.
    if (report && report.metadata.userId !== principal?.username) {
      throw new ForbiddenException({ statusCode: 403, error: 'not_your_report', message: 'monitors may correct only the incidents they reported' });
    }
    return true;
  }
}
