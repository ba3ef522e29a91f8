import { Query } from '@nestjs/cqrs';
import type { ActorView } from './actor-view.js';

/** `provisional`: only the actors an import created and nobody has confirmed or merged yet. */
export class ListActorsQuery extends Query<{ actors: ActorView[] }> {
  constructor(readonly provisional = false) {
    super();
  }
}
