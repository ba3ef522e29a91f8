import { FINDING_OUTCOMES, type FindingOutcome } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../incidents/incident.dto.js';

export class RecordFindingDto extends ExpectedVersionDto {
  @ApiProperty({ enum: FINDING_OUTCOMES }) @IsIn(FINDING_OUTCOMES) outcome: FindingOutcome;
  @ApiPropertyOptional({ type: [String], example: ['mnla'], description: 'for a violation: actor ids of the parties held responsible' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) responsibleParties?: string[];
  @ApiPropertyOptional({ type: [String], example: ['art. 6'], description: 'the provisions at stake (required for a violation)' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) provisions?: string[];
  @ApiPropertyOptional({ example: 'EMOV Kidal 2014-05', description: 'reference of the on-site verification team' })
  @IsOptional() @IsString() @MaxLength(200) verificationMission?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) note: string;
  @ApiPropertyOptional({ description: 'why responsible parties that did not sign the agreement are held to it' })
  @IsOptional() @IsString() @MaxLength(2000) nonSignatoryReason?: string;
}
