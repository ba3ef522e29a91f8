import { REVIEW_STATUSES } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CanonicalUuid } from '../../../http/canonical-ids.js';
import { IsDay } from '../../../http/calendar-validators.js';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;

export class ListReviewsDto {
  @ApiPropertyOptional({ description: `comma-separated: ${REVIEW_STATUSES.join(', ')}` })
  @IsOptional() @Transform(list) @IsIn(REVIEW_STATUSES, { each: true }) status?: string[];

  @ApiPropertyOptional({ description: 'comma-separated agreement ids' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(64, { each: true }) agreement?: string[];

  @ApiPropertyOptional({ description: 'comma-separated actor ids, alleged or held responsible' })
  @IsOptional() @Transform(list) @IsString({ each: true }) @MaxLength(100, { each: true }) party?: string[];

  @ApiPropertyOptional({ description: 'the reviews of one incident' })
  @IsOptional() @CanonicalUuid() incident?: string;

  @ApiPropertyOptional({ description: 'incident on or after this day (YYYY-MM-DD)' })
  @IsOptional() @IsDay() from?: string;

  @ApiPropertyOptional({ description: 'incident on or before this day (YYYY-MM-DD)' })
  @IsOptional() @IsDay() to?: string;

  @ApiPropertyOptional({ description: 'true: only reviews awaiting a finding whose incident was retracted' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() flagged?: boolean;

  @ApiPropertyOptional({ description: 'reviews per page (default 100, at most 1000)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200) after?: string;

  @ApiPropertyOptional({ description: 'wait (a few seconds at most) until the read model has reached this position' })
  @IsOptional() @IsString() @MaxLength(100) minPosition?: string;
}
