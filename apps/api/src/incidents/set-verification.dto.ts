import { VERIFICATION_LEVELS, type VerificationLevel } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from './incident.dto.js';

export class SetVerificationDto extends ExpectedVersionDto {
  @ApiProperty({ enum: VERIFICATION_LEVELS }) @IsIn(VERIFICATION_LEVELS) level: VerificationLevel;
  @ApiProperty({ description: 'what the level rests on, e.g. the verification mission' })
  @IsString() @IsNotEmpty() @MaxLength(2000) note: string;
}
