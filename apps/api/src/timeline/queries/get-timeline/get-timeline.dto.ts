import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsMoment } from '../../../http/calendar-validators.js';
import { IncidentFiltersDto } from '../../../incidents/queries/incident-filters.dto.js';
import { IsIsoDuration, IsTimelineAnchor } from '../../timeline-dto-validators.js';

export const MAX_TIMELINE_PAGE = 5000;

/** The map's filters, plus a window around an anchor (or `from`/`to`) and a moment of knowledge. */
export class GetTimelineDto extends IncidentFiltersDto {
  @ApiPropertyOptional({ description: 'a date (its whole day), a date-time, or an incident id (its occurred time)', example: '2014-05-17' })
  @IsOptional() @IsTimelineAnchor() around?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 duration before the anchor (default P7D)', example: 'P7D' })
  @IsOptional() @IsIsoDuration() before?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 duration after the anchor (default P7D)', example: 'P7D' })
  @IsOptional() @IsIsoDuration() after?: string;

  @ApiPropertyOptional({ description: 'the record as known at this recorded time (a bare date: the end of that day)' })
  @IsOptional() @IsMoment() asOf?: string;

  @ApiPropertyOptional({ description: `incidents per page (default 500, at most ${MAX_TIMELINE_PAGE}); a page holds all entries of its incidents` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TIMELINE_PAGE) limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}
