import {
  actorProjection,
  agreementProjection,
  coalitionProjection,
  incidentProjection,
  reviewProjection,
  timelineProjection,
  type Projection,
} from '#read-models';

/** Every read model the tracker keeps, in the order they are run. */
export const PROJECTIONS: Projection[] = [incidentProjection, timelineProjection, actorProjection, coalitionProjection, agreementProjection, reviewProjection];
