import type { Response } from 'express';
import type { ProjectionsService } from '../projections/projections.service.js';

/** Read your own writes: wait, briefly, for these read models to reach the command's position. */
export async function waitForReadModels(projections: ProjectionsService, names: string[], minPosition: string | undefined, response: Response) {
  if (!minPosition) return;
  const reached = await Promise.all(names.map((name) => projections.waitFor(name, minPosition)));
  if (reached.includes(false)) response.setHeader('X-Read-Model-Behind', 'true');
}
