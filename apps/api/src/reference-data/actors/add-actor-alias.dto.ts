import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class AddActorAliasDto extends ExpectedVersionDto {
  @ApiProperty({ example: 'MNLA: National Movement for the Liberation of Azawad' }) @IsString() @IsNotEmpty() @MaxLength(200) alias: string;
}
