import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsDay } from '../../http/calendar-validators.js';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class EndCoalitionMembershipDto extends ExpectedVersionDto {
  @ApiProperty({ example: 'cpa' }) @IsString() @IsNotEmpty() @MaxLength(64) actorId: string;
  @ApiProperty({ example: '2014-09-01', description: 'the first day the group is no longer a member (YYYY-MM-DD)' }) @IsDay() on: string;
}
