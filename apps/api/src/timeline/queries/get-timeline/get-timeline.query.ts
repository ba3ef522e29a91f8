import { Query } from '@nestjs/cqrs';
import type { GetTimelineDto } from './get-timeline.dto.js';
import type { JsonText, Timeline } from '../../timeline-entry.view.js';

export class GetTimelineQuery extends Query<JsonText<Timeline>> {
  constructor(readonly params: GetTimelineDto) {
    super();
  }
}
