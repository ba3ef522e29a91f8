import { ValidationError } from '#domain';
import { isPosition } from '#event-store';
import type { Response } from 'express';
import type { ProjectionsService } from '../projections/projections.service.js';

/** The projection that keeps every version of every incident, for timelines and `asOf`. */
export const TIMELINE_PROJECTION = 'timeline';

/** Read your own writes: wait, briefly, for these read models to reach the command's position. */
export async function waitForReadModels(projections: ProjectionsService, names: string[], minPosition: unknown, response: Response) {
  if (minPosition === undefined || minPosition === '') return;
  // Anything but a position the store handed out would sort after every real one and wait in vain.
  if (!isPosition(minPosition)) throw new ValidationError('bad_position', 'minPosition must be a position returned by a write', 'minPosition');
  const reached = await Promise.all(names.map((name) => projections.waitFor(name, minPosition)));
  if (reached.includes(false)) response.setHeader('X-Read-Model-Behind', 'true');
}

/**
 * The read models behind a view of incidents: the incidents (or, for `asOf`, the timeline) and the
 * actors, whose names the filter resolves and the view shows.
 */
export const incidentReadModels = (asOf?: unknown) => [asOf ? TIMELINE_PROJECTION : 'incidents', 'actors'];
