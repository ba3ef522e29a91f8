import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ViolationsByGroupDto } from '../violations-by-group/violations-by-group.dto.js';
import { VIOLATION_COLUMNS, type ViolationColumn } from '#domain';

export class ViolationsCellDto extends ViolationsByGroupDto {
  @ApiProperty({ example: 'mnla', description: 'the row: an actor id, or a coalition id with rollup=coalition' })
  @IsString() @IsNotEmpty() @MaxLength(100) group: string;

  @ApiPropertyOptional({ enum: ['actor', 'coalition'], description: 'the row’s groupKind, when an actor and a coalition share an id' })
  @IsOptional() @IsIn(['actor', 'coalition']) groupKind?: 'actor' | 'coalition';

  @ApiProperty({ enum: VIOLATION_COLUMNS }) @IsIn(VIOLATION_COLUMNS) column: ViolationColumn;
}
