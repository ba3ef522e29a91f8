import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class FormCoalitionDto {
  @ApiProperty({ example: 'cma' }) @IsString() @MaxLength(64) id: string;
  @ApiProperty({ example: "Coordination des mouvements de l'Azawad" }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'CMA' }) @IsString() @IsNotEmpty() @MaxLength(100) shortName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) citation?: string;
}
