import { Query } from '@nestjs/cqrs';
import type { CoalitionView } from './coalition-view.js';

export class ListCoalitionsQuery extends Query<{ coalitions: CoalitionView[] }> {}
