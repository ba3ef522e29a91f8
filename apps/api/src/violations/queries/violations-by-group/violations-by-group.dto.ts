import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const ROLLUPS = ['actor', 'coalition'] as const;
export type Rollup = (typeof ROLLUPS)[number];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ViolationsByGroupDto {
  @ApiPropertyOptional({ example: 'kidal-ceasefire-2014', description: 'one agreement (all agreements when absent: then an incident counts once per agreement it is reviewed against)' })
  @IsOptional() @IsString() @MaxLength(64) agreement?: string;

  @ApiPropertyOptional({ example: '2014-05-01', description: 'incidents on or after this day' })
  @IsOptional() @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' }) @IsISO8601({ strict: true }) from?: string;

  @ApiPropertyOptional({ example: '2015-06-30', description: 'incidents on or before this day' })
  @IsOptional() @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' }) @IsISO8601({ strict: true }) to?: string;

  @ApiPropertyOptional({ enum: ROLLUPS, description: 'actor (default), or coalition: each group counted in the coalition it belonged to on the incident’s day' })
  @IsOptional() @IsIn(ROLLUPS) rollup?: Rollup;

  @ApiPropertyOptional({ description: 'wait (a few seconds at most) until the read model has reached this position' })
  @IsOptional() @IsString() @MaxLength(100) minPosition?: string;
}
