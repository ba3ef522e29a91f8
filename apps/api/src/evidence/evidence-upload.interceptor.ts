import { Inject, Injectable, PayloadTooLargeException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { FileInterceptor, MulterModule, type MulterModuleOptions as MulterOptions } from '@nestjs/platform-express';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants.js';
import { TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';

export const DEFAULT_EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

/** Multer as Nest documents it: the file in memory (it is encrypted before it is stored), one file, at most the configured size. */
export const evidenceMulter = MulterModule.registerAsync({
  inject: [TRACKER_OPTIONS],
  useFactory: (options: TrackerOptions): MulterOptions => ({
    limits: { fileSize: options.evidence?.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES, files: 1, fields: 10, parts: 11 },
  }),
});

/** The multipart field `file`; a file over the limit is a 413 that names the field and the limit. */
@Injectable()
export class EvidenceUploadInterceptor extends FileInterceptor('file') {
  constructor(@Inject(MULTER_MODULE_OPTIONS) private readonly limits: MulterOptions) {
    super(limits);
  }

  override async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeException)) throw error;
      const detail = `file: larger than the limit of ${(this.limits.limits as { fileSize?: number } | undefined)?.fileSize} bytes`;
      throw new PayloadTooLargeException({ code: 'file_too_large', detail, errors: [{ field: 'file', messages: [detail] }] });
    }
  }
}
