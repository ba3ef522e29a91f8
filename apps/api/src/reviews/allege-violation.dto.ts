import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CanonicalUuid } from '../http/canonical-ids.js';

// Shape checks only: the rules (agreement in force on the incident's day, …) live in libs/domain.
export class AllegeViolationDto {
  @ApiProperty() @CanonicalUuid() incidentId: string;
  @ApiProperty({ example: 'ouagadougou-2013' }) @IsString() @IsNotEmpty() @MaxLength(64) agreementId: string;
  @ApiProperty({ example: 'government', description: 'who brings the allegation: a party (actor id) or a body' })
  @IsString() @IsNotEmpty() @MaxLength(200) allegedBy: string;
  @ApiProperty({ type: [String], example: ['mnla'], description: 'actor ids of the parties the allegation is against' })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) allegedParties: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
