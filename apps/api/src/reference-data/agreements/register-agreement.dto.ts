import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDay } from '../../http/calendar-validators.js';

export class RegisterAgreementDto {
  @ApiProperty({ example: 'kidal-ceasefire-2014' }) @IsString() @MaxLength(64) id: string;
  @ApiProperty({ example: 'Kidal ceasefire' }) @IsString() @IsNotEmpty() @MaxLength(500) name: string;
  @ApiProperty({ example: '2014-05-23' }) @IsDay() signedOn: string;
  @ApiProperty({ example: '2014-05-23', description: 'the first day a violation can be held against it' }) @IsDay() inForceFrom: string;
  @ApiProperty({ type: [String], example: ['government', 'mnla', 'hcua', 'maa'], description: 'actor ids of the signatories' })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true }) parties: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) citation?: string;
}
