import { RETRACTION_REASONS, type RetractionReason } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CanonicalUuid } from '../http/canonical-ids.js';
import { ExpectedVersionDto } from './incident.dto.js';

export class RetractIncidentDto extends ExpectedVersionDto {
  @ApiProperty({ enum: RETRACTION_REASONS }) @IsIn(RETRACTION_REASONS) reason: RetractionReason;
  @ApiPropertyOptional({ description: 'the incident this one duplicates (reason duplicate)' })
  @IsOptional() @CanonicalUuid() duplicateOf?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) note: string;
}
