import { Query } from '@nestjs/cqrs';
import type { ExportIncidentsDto } from './export-incidents.dto.js';

/** The file's text in pieces, produced as they are sent: CSV in one of its layouts, or a GeoJSON FeatureCollection. */
export class ExportIncidentsQuery extends Query<AsyncIterable<string>> {
  constructor(readonly filters: ExportIncidentsDto) {
    super();
  }
}
