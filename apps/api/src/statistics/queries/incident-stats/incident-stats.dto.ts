import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional } from 'class-validator';
import { IsMoment } from '../../../http/calendar-validators.js';
import { IncidentFiltersDto } from '../../../incidents/queries/incident-filters.dto.js';

/** What incidents can be counted by: a calendar period of occurred time, or a field. */
export const STATS_KEYS = ['day', 'week', 'month', 'year', 'admin1', 'type', 'subType', 'actor', 'target'] as const;
export type StatsKey = (typeof STATS_KEYS)[number];

const keys = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value);

/** The map's filters, what to group by, and a moment of knowledge. */
export class IncidentStatsDto extends IncidentFiltersDto {
  @ApiPropertyOptional({ description: `one or two of ${STATS_KEYS.join(', ')}, comma-separated (none: the totals only)`, example: 'month,type' })
  @IsOptional() @Transform(keys) @ArrayMinSize(1) @ArrayMaxSize(2) @IsIn(STATS_KEYS, { each: true }) groupBy?: StatsKey[];

  @ApiPropertyOptional({ description: 'the record as known at this recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsOptional() @IsMoment() asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json (default) or csv' })
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
