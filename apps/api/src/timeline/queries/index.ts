import { DiffIncidentHandler } from './diff-incident/diff-incident.handler.js';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler.js';

export const TimelineQueryHandlers = [GetTimelineHandler, DiffIncidentHandler];
