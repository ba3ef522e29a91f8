import { Query } from '@nestjs/cqrs';
import type { AgreementView } from './agreement-view.js';

export class ListAgreementsQuery extends Query<{ agreements: AgreementView[] }> {}
