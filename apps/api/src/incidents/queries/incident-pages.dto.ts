import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IncidentFiltersDto } from './incident-filters.dto.js';

const MAX_PAGE = 50_000;

/** The map's filters, and which page of the matches. */
export class IncidentPagesDto extends IncidentFiltersDto {
  @ApiPropertyOptional({ description: `incidents per page (default 1000, at most ${MAX_PAGE})` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200) after?: string;
}
