import { ACLED_INTER_CODES, ACTOR_KINDS, type AcledInter, type ActorKind } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from '../../incidents/incident.dto.js';

export class ReclassifyActorDto extends ExpectedVersionDto {
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: ActorKind;
  @ApiProperty({ enum: ACLED_INTER_CODES }) @IsIn(ACLED_INTER_CODES) inter: AcledInter;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
