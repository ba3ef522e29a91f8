import { Query } from '@nestjs/cqrs';
import type { ExportIncidentsDto } from './export-incidents.dto.js';

/** The file's text: CSV, or a GeoJSON FeatureCollection. */
export class ExportIncidentsQuery extends Query<string> {
  constructor(readonly filters: ExportIncidentsDto) {
    super();
  }
}
