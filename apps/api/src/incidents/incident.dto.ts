import {
  ACTOR_ROLES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  MAX_CASUALTY_COUNT,
  MAX_TEXT,
  MAX_VERSION,
  MOMENT_FORMS,
  SOURCE_KINDS,
  SIDES,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  type ActorRole,
  type Side,
  type GeoPrecision,
  type IncidentSubType,
  type IncidentType,
  type SourceKind,
  type SourceReliability,
  type Target,
  type TimePrecision,
} from '#domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsMoment } from '../http/calendar-validators.js';
import { CanonicalUuid } from '../http/canonical-ids.js';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// Shape checks only: the incident rules (dates, sub-type of type, …) live in libs/domain.
const ALL_SUB_TYPES = Object.values(INCIDENT_TYPES).flat();

export class LocationDto {
  @ApiProperty({ example: 18.4411 }) @IsNumber() @Min(-90) @Max(90) lat: number;
  @ApiProperty({ example: 1.4078 }) @IsNumber() @Min(-180) @Max(180) lon: number;
  @ApiProperty({ example: 'Kidal' }) @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.name) place: string;
  @ApiProperty({ example: 'Kidal' }) @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.name) admin1: string;
  @ApiProperty({ enum: GEO_PRECISIONS }) @IsIn(GEO_PRECISIONS) precision: GeoPrecision;
}

export class ActorDto {
  @ApiProperty({ example: 'mnla' }) @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.id) actorId: string;
  @ApiProperty({ enum: ACTOR_ROLES }) @IsIn(ACTOR_ROLES) role: ActorRole;
  // Whether it must be there (associated) or not (any other role) is the incident rules' to say.
  @ApiPropertyOptional({ enum: SIDES, description: 'for an associated actor: the main side it stands with' }) @IsOptional() @IsIn(SIDES) with?: Side;
}

export class HarmDto {
  @ApiProperty({ maximum: MAX_CASUALTY_COUNT }) @IsInt() @Min(0) @Max(MAX_CASUALTY_COUNT) killed: number;
  @ApiProperty({ maximum: MAX_CASUALTY_COUNT }) @IsInt() @Min(0) @Max(MAX_CASUALTY_COUNT) injured: number;
  @ApiProperty({ maximum: MAX_CASUALTY_COUNT }) @IsInt() @Min(0) @Max(MAX_CASUALTY_COUNT) abducted: number;
}

export class SourceDto {
  @ApiPropertyOptional({ description: 'given by the server when absent' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.id) id?: string;
  @ApiProperty({ enum: SOURCE_KINDS }) @IsIn(SOURCE_KINDS) kind: SourceKind;
  @ApiProperty({ example: 'NUPI Working Paper 853' }) @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.note) reference: string;
  @ApiProperty({ enum: SOURCE_RELIABILITIES }) @IsIn(SOURCE_RELIABILITIES) reliability: SourceReliability;
  @ApiProperty() @IsBoolean() confidential: boolean;
}

export class IncidentDetailsDto {
  @ApiProperty({ example: '2014-05-17', description: MOMENT_FORMS })
  @IsMoment() occurredAt: string;
  @ApiProperty({ enum: TIME_PRECISIONS }) @IsIn(TIME_PRECISIONS) timePrecision: TimePrecision;
  @ApiProperty({ type: LocationDto }) @IsObject() @ValidateNested() @Type(() => LocationDto) location: LocationDto;
  @ApiProperty({ enum: Object.keys(INCIDENT_TYPES) }) @IsIn(Object.keys(INCIDENT_TYPES)) type: IncidentType;
  @ApiProperty({ enum: ALL_SUB_TYPES }) @IsIn(ALL_SUB_TYPES) subType: IncidentSubType;
  @ApiProperty({ enum: TARGETS, isArray: true }) @IsArray() @IsIn(TARGETS, { each: true }) targets: Target[];
  @ApiProperty({ type: [ActorDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ActorDto) actors: ActorDto[];
  @ApiProperty({ type: HarmDto }) @IsObject() @ValidateNested() @Type(() => HarmDto) harm: HarmDto;
  @ApiProperty() @IsString() @MaxLength(MAX_TEXT.description) description: string;
  @ApiProperty({ type: [SourceDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SourceDto) sources: SourceDto[];
}

export class ReportIncidentDto extends IncidentDetailsDto {
  @ApiPropertyOptional({ description: 'an id made by an offline client; the server makes one otherwise' })
  @IsOptional() @CanonicalUuid() id?: string;
}

export class IncidentChangesDto extends PartialType(IncidentDetailsDto) {}

export class ExpectedVersionDto {
  @ApiProperty({ description: 'the version the client saw; a stale one is answered with 409' })
  @IsInt() @Min(1) @Max(MAX_VERSION) expectedVersion: number;
}

export class AmendIncidentDto extends ExpectedVersionDto {
  @ApiProperty({ type: IncidentChangesDto }) @IsObject() @ValidateNested() @Type(() => IncidentChangesDto) changes: IncidentChangesDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(MAX_TEXT.note) reason: string;
}
