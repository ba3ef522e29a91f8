import { Query } from '@nestjs/cqrs';
import type { ActorView } from './actor-view.js';

export class ListActorsQuery extends Query<{ actors: ActorView[] }> {}
