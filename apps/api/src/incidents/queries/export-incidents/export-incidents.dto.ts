import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IncidentFiltersDto } from '../incident-filters.dto.js';

export class ExportIncidentsDto extends IncidentFiltersDto {
  @ApiProperty({ enum: ['csv', 'geojson'] }) @IsIn(['csv', 'geojson']) format: 'csv' | 'geojson';
}
