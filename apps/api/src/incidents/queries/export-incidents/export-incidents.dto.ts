import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsMoment } from '../../../http/calendar-validators.js';
import { IncidentFiltersDto } from '../incident-filters.dto.js';

export const EXPORT_FORMATS = ['csv', 'acled', 'ucdp', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportIncidentsDto extends IncidentFiltersDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: "csv: the tracker's own columns; acled: ACLED's column layout; ucdp: UCDP GED-like columns; geojson: a FeatureCollection" })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({ description: 'acled: a row of HXL hashtags under the header', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hxl?: boolean;

  @ApiPropertyOptional({ description: 'the records as known at this recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsOptional() @IsMoment() asOf?: string;
}
