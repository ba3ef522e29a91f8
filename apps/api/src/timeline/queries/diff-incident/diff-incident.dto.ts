import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class DiffIncidentDto {
  @ApiProperty({ description: 'the earlier recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsISO8601({ strict: true }) from: string;

  @ApiPropertyOptional({ description: 'the later recorded time (default: now)', example: '2014-06-01' })
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
