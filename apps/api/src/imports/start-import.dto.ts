import { EXTERNAL_DATASETS, MAX_TEXT, type ExternalDataset } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsDay } from '../http/calendar-validators.js';

/** The form's text fields: multipart values are strings, so a flag arrives as "true" or "false". */
export class StartImportDto {
  @ApiProperty({ enum: EXTERNAL_DATASETS, description: 'which dataset the file is an export of' })
  @IsIn(EXTERNAL_DATASETS)
  dataset: ExternalDataset;

  @ApiPropertyOptional({ description: "retract the dataset's incidents the file no longer has", default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  retractMissing?: boolean;

  @ApiPropertyOptional({ description: 'UCDP: the release, e.g. 25.1 (required for ucdp)' })
  @ValidateIf((dto: StartImportDto) => dto.dataset === 'ucdp' || dto.release !== undefined)
  @MaxLength(MAX_TEXT.id)
  @Matches(/^\d+(\.\d+)*$/, { message: 'release must be a UCDP release number such as 25.1' })
  release?: string;

  @ApiPropertyOptional({ description: 'UCDP: the day the release was published, YYYY-MM-DD (required for ucdp); its rows are recorded then' })
  @ValidateIf((dto: StartImportDto) => dto.dataset === 'ucdp' || dto.published !== undefined)
  @IsDay()
  published?: string;
}
