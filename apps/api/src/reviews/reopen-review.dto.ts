import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../incidents/incident.dto.js';

export class ReopenReviewDto extends ExpectedVersionDto {
  @ApiProperty({ example: 'new testimony from the GMS' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
