import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsMoment } from '../../../http/calendar-validators.js';

export class DiffIncidentDto {
  @ApiProperty({ description: 'the earlier recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsMoment() from: string;

  @ApiPropertyOptional({ description: 'the later recorded time (default: now)', example: '2014-06-01' })
  @IsOptional() @IsMoment() to?: string;
}
