import { ROLES, type Role } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

const PASSWORD_HINT = 'password must be at least 12 characters';

export class CreateUserDto {
  @ApiProperty({ example: 'awa.traore' }) @IsString() @IsNotEmpty() @MaxLength(63) username: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12, { message: PASSWORD_HINT }) @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true }) roles: Role[];
}

export class ChangeRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true }) roles: Role[];
}

export class DisableUserDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class LoginDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(63) username: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12, { message: PASSWORD_HINT }) @MaxLength(200) newPassword: string;
}
