import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsMoment } from '../../../http/calendar-validators.js';
import { IncidentPagesDto } from '../incident-pages.dto.js';

export class ListIncidentsDto extends IncidentPagesDto {
  @ApiPropertyOptional({ description: 'the record as known at this recorded time (a bare date: the end of that day)', example: '2014-05-19' })
  @IsOptional() @IsMoment() asOf?: string;
}
