import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceUploadInterceptor, evidenceMulter } from './evidence-upload.interceptor.js';

/** Files attached to incidents: upload, reading, thumbnails, erasure (the incident's handler records them). */
@Module({
  imports: [evidenceMulter],
  controllers: [EvidenceController],
  providers: [EvidenceUploadInterceptor],
})
export class EvidenceModule {}
