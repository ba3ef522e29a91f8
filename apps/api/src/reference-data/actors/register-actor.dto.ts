import { ACLED_INTER_CODES, ACTOR_KINDS, type AcledInter, type ActorKind } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

// Shape checks only: the rules (id form, aliases unique across actors) live in libs/domain.
export class RegisterActorDto {
  @ApiProperty({ example: 'mnla', description: 'lower-case letters, digits and dashes' }) @IsString() @MaxLength(64) id: string;
  @ApiProperty({ example: "Mouvement national pour la libération de l'Azawad" }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'MNLA' }) @IsString() @IsNotEmpty() @MaxLength(100) shortName: string;
  @ApiPropertyOptional({ type: [String], description: 'names ACLED, UCDP … use for the same group' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) aliases?: string[];
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: ActorKind;
  @ApiProperty({ enum: ACLED_INTER_CODES, description: 'ACLED actor-type code' }) @IsIn(ACLED_INTER_CODES) inter: AcledInter;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ example: 'NUPI Working Paper 853' }) @IsOptional() @IsString() @MaxLength(2000) citation?: string;
}
