import { Query } from '@nestjs/cqrs';
import type { ViolationsCellDto } from './violations-cell.dto.js';

export interface ViolationsCellReview {
  reviewId: string;
  incidentId: string;
  agreementId: string;
  status: string;
  outcome: string | null;
  incidentOccurredOn: string;
  incidentKilled: number;
  incidentRetracted: boolean;
  /** The group's parties named in the review (alleged or held responsible). */
  parties: string[];
  allegedParties: string[];
  responsibleParties: string[];
}

export interface ViolationsCell {
  group: string;
  groupKind: 'actor' | 'coalition';
  column: string;
  reviews: ViolationsCellReview[];
  incidentIds: string[];
}

export class ViolationsCellQuery extends Query<ViolationsCell> {
  constructor(readonly filters: ViolationsCellDto) {
    super();
  }
}
