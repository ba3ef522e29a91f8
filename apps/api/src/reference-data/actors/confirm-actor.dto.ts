import { MAX_TEXT } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class ConfirmActorDto extends ExpectedVersionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.note) reason: string;
}
