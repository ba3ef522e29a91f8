import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsDay } from '../../http/calendar-validators.js';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class AddCoalitionMemberDto extends ExpectedVersionDto {
  @ApiProperty({ example: 'mnla' }) @IsString() @IsNotEmpty() @MaxLength(64) actorId: string;
  @ApiProperty({ example: '2014-06-01', description: 'first day of membership (YYYY-MM-DD)' }) @IsDay() from: string;
}
