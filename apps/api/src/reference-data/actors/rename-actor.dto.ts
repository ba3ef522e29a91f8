import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class RenameActorDto extends ExpectedVersionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) shortName: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
