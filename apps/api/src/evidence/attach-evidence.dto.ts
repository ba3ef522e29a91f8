import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT } from '#domain';

/** Multipart fields are text: "true" and "false" are the booleans (a JSON body may send real ones). */
const booleanField = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** The form fields that come with the file (`file`). */
export class AttachEvidenceDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'the file: JPEG, PNG, HEIC, PDF, audio or video; its content decides its type' })
  @IsOptional()
  file?: unknown;

  @ApiPropertyOptional({ description: 'what the file shows; kept as text in the record (even after erasure), so name nobody in it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT.note)
  caption?: string;

  @ApiPropertyOptional({ description: 'readable only by roles that may read confidential sources' })
  @IsOptional()
  @booleanField()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ description: 'remove location and device metadata from the kept copy (default: yes for confidential photos)' })
  @IsOptional()
  @booleanField()
  @IsBoolean()
  strip?: boolean;
}
