import { EXTERNAL_DATASETS, INCIDENT_TYPES, MAX_TEXT, TARGETS, VERIFICATION_LEVELS } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsMoment } from '../../http/calendar-validators.js';

// Comma lists, given once (`type=a,b`) or repeated (`type=a&type=b`).
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    ? [value].flat().flatMap((v: string) => v.split(',')).map((v) => v.trim()).filter(Boolean)
    : value;
const NUMBER = '-?\\d+(\\.\\d+)?';

/** The map's filters, shared by the list, the exports and the timeline. */
export class IncidentFiltersDto {
  @ApiPropertyOptional({ description: 'west,south,east,north in degrees', example: '-1,17,4,21' })
  @IsOptional()
  @Matches(new RegExp(`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`), { message: 'bbox must be west,south,east,north' })
  bbox?: string;

  @ApiPropertyOptional({ description: 'occurred on or after (date or date-time)' })
  @IsOptional() @IsMoment() from?: string;

  @ApiPropertyOptional({ description: 'occurred on or before (date or date-time)' })
  @IsOptional() @IsMoment() to?: string;

  @ApiPropertyOptional({ description: 'first-order regions as recorded, any case (comma-separated or repeated)', example: 'Kidal' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(MAX_TEXT.name, { each: true }) admin1?: string[];

  @ApiPropertyOptional({ description: 'comma-separated types' })
  @IsOptional() @Transform(list) @IsIn(Object.keys(INCIDENT_TYPES), { each: true }) type?: string[];

  @ApiPropertyOptional({ description: 'comma-separated sub-types' })
  @IsOptional() @Transform(list) @IsIn(Object.values(INCIDENT_TYPES).flat(), { each: true }) subType?: string[];

  @ApiPropertyOptional({ description: 'comma-separated actor ids' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(100, { each: true }) actor?: string[];

  @ApiPropertyOptional({ description: 'main: count an actor only where it is on a main side; any (default): associated too' })
  @IsOptional() @IsIn(['main', 'any']) actorRole?: 'main' | 'any';

  @ApiPropertyOptional({ description: 'second-order regions as recorded, any case (comma-separated or repeated)' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(MAX_TEXT.name, { each: true }) admin2?: string[];

  @ApiPropertyOptional({ description: 'third-order regions as recorded, any case (comma-separated or repeated)' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(MAX_TEXT.name, { each: true }) admin3?: string[];

  @ApiPropertyOptional({ description: 'comma-separated dataset references, e.g. acled:MLI858', example: 'acled:MLI858' })
  @IsOptional() @Transform(list)
  @Matches(new RegExp(`^(${EXTERNAL_DATASETS.join('|')}):[^,]{1,${MAX_TEXT.id}}$`), { each: true, message: 'external must be dataset:id, e.g. acled:MLI858' })
  external?: string[];

  @ApiPropertyOptional({ description: 'comma-separated targets, e.g. peacekeepers' })
  @IsOptional() @Transform(list) @IsIn(TARGETS, { each: true }) target?: string[];

  @ApiPropertyOptional({ description: 'active, retracted (both when absent)' })
  @IsOptional() @Transform(list) @IsIn(['active', 'retracted'], { each: true }) status?: string[];

  @ApiPropertyOptional({ description: 'comma-separated verification levels' })
  @IsOptional() @Transform(list) @IsIn(VERIFICATION_LEVELS, { each: true }) verification?: string[];

  @ApiPropertyOptional({ description: 'wait (a few seconds at most) until the read model has reached this position' })
  @IsOptional() @IsString() @MaxLength(100) minPosition?: string;
}
