import { Query } from '@nestjs/cqrs';
import type { GetTimelineDto } from './get-timeline.dto.js';
import type { Timeline } from '../../timeline-entry.view.js';

export class GetTimelineQuery extends Query<Timeline> {
  constructor(readonly params: GetTimelineDto) {
    super();
  }
}
