import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IncidentFiltersDto } from '../incident-filters.dto.js';

export const MAX_PAGE = 50_000;

export class ListIncidentsDto extends IncidentFiltersDto {
  @ApiPropertyOptional({ description: `features per page (default 1000, at most ${MAX_PAGE})` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200) after?: string;
}
