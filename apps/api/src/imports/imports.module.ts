import { mkdirSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { DEFAULT_UPLOADS } from '#tracker';
import { TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { ImportJobs } from './import-jobs.js';
import { ImportsController } from './imports.controller.js';

@Module({
  imports: [
    // Uploads go straight to disk under a name multer makes up, never whole into memory.
    MulterModule.registerAsync({
      inject: [TRACKER_OPTIONS],
      useFactory: ({ uploads = DEFAULT_UPLOADS }: TrackerOptions) => {
        mkdirSync(uploads.directory, { recursive: true, mode: 0o700 });
        // Browsers send a file's name as UTF-8 bytes; busboy would read them as latin1 ("Kidal_Ã©tÃ©.csv").
        return { storage: diskStorage({ destination: uploads.directory }), limits: { fileSize: uploads.maxBytes, files: 1, fields: 10 }, defParamCharset: 'utf8' };
      },
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportJobs],
})
export class ImportsModule {}
