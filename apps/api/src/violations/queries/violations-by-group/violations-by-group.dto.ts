import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLLUPS, type Rollup } from '#domain';
import { IsDay } from '../../../http/calendar-validators.js';

export class ViolationsByGroupDto {
  @ApiPropertyOptional({ example: 'kidal-ceasefire-2014', description: 'one agreement (all agreements when absent: then an incident counts once per agreement it is reviewed against)' })
  @IsOptional() @IsString() @MaxLength(64) agreement?: string;

  @ApiPropertyOptional({ example: '2014-05-01', description: 'incidents on or after this day' })
  @IsOptional() @IsDay() from?: string;

  @ApiPropertyOptional({ example: '2015-06-30', description: 'incidents on or before this day' })
  @IsOptional() @IsDay() to?: string;

  @ApiPropertyOptional({ enum: ROLLUPS, description: 'actor (default), or coalition: each group counted in the coalition it belonged to on the incident’s day' })
  @IsOptional() @IsIn(ROLLUPS) rollup?: Rollup;

  @ApiPropertyOptional({ description: 'wait (a few seconds at most) until the read model has reached this position' })
  @IsOptional() @IsString() @MaxLength(100) minPosition?: string;
}
