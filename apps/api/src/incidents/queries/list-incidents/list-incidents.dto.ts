import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IncidentFiltersDto } from '../incident-filters.dto.js';

export const MAX_PAGE = 50_000;

export class ListIncidentsDto extends IncidentFiltersDto {
  @ApiPropertyOptional({ description: `features per page (default 1000, at most ${MAX_PAGE})` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200) after?: string;

  @ApiPropertyOptional({ description: 'the record as known at this recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}
