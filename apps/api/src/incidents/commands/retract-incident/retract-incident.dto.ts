import { RETRACTION_REASONS, type RetractionReason } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../../incident.dto.js';

export class RetractIncidentDto extends ExpectedVersionDto {
  @ApiProperty({ enum: RETRACTION_REASONS }) @IsIn(RETRACTION_REASONS) reason: RetractionReason;
  @ApiPropertyOptional({ description: 'the incident this one duplicates (reason duplicate)' })
  @IsOptional() @IsUUID() duplicateOf?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) note: string;
}
