import { Body, Controller, Get, GoneException, HttpCode, Inject, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import {
  can,
  evidenceMediaType,
  evidenceOf,
  ForbiddenError,
  incidentDecider,
  incidentStreamId,
  NotFoundError,
  STRIPPABLE_MEDIA_TYPES,
  stripsByDefault,
  ValidationError,
  type IncidentEvidence,
} from '#domain';
import type { EventStore } from '#event-store';
import { EvidenceStorage, sha256Of } from '#tracker';
import { Requires } from '../auth/access.decorators.js';
import { readState } from '../commands/execute-command.js';
import { uuidParam } from '../http/canonical-ids.js';
import { Issuer, type CommandMetadata } from '../http/command-metadata.js';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor.js';
import type {} from '../http/principal.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { RecordIncidentCommand } from '../incidents/incident.command.js';
import { AttachEvidenceDto } from './attach-evidence.dto.js';
import { detectedMediaType, thumbnailOf, withoutMetadata } from './evidence-content.js';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor.js';

const EVIDENCE_IDS = '3c9b7e14-58a2-4f61-9d0e-7a4b2c1e6f38';
const incidentId = uuidParam('id');
const evidenceId = uuidParam('evidenceId');

/** RFC 9530's header: the SHA-256 of the bytes served, as structured-field base64. */
const reprDigest = (hex: string) => `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`;

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/incidents/:id/evidence')
export class EvidenceController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly storage: EvidenceStorage,
  ) {}

  @Requires('incidents:correct-own')
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key and file appends nothing and answers as the first time' })
  @ApiOperation({ summary: 'Attach a file as evidence (multipart field `file`); monitors attach only to their own reports' })
  // Multer first: the idempotency key binds the file's bytes too.
  @UseInterceptors(EvidenceUploadInterceptor, IdempotencyInterceptor)
  async attach(
    @Param('id', incidentId) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: AttachEvidenceDto,
    @Issuer() meta: CommandMetadata,
  ) {
    if (!file) throw new ValidationError('file_required', 'file: send the file as the multipart field "file"', 'file');
    const detectedType = await detectedMediaType(file.buffer);
    const mediaType = evidenceMediaType(detectedType);
    const confidential = body.confidential ?? false;
    const strip = body.strip ?? stripsByDefault(confidential, mediaType);
    // Only a picture the tracker can read is rewritten; the rules refuse stripping anything else.
    const kept = strip && mediaType && STRIPPABLE_MEDIA_TYPES.includes(mediaType) ? await withoutMetadata(file.buffer, mediaType) : file.buffer;
    const sha256 = sha256Of(file.buffer);
    const command = {
      type: 'AttachEvidence' as const,
      data: {
        incidentId: id,
        // From the command: a retry keeps its file under the same id.
        evidenceId: uuidv5(meta.commandId, EVIDENCE_IDS),
        declaredType: file.mimetype,
        detectedType,
        sha256,
        size: file.size,
        caption: body.caption ?? '',
        confidential,
        strip,
        ...(kept !== file.buffer ? { stored: { sha256: sha256Of(kept), size: kept.length } } : {}),
      },
    };
    const result = await this.commands.execute(new RecordIncidentCommand(command, meta, { reason: 'evidence attached' }, kept));
    return { evidenceId: command.data.evidenceId, sha256, ...result };
  }

  @Requires('incidents:read')
  @Get(':evidenceId')
  @ApiOperation({ summary: 'The file as kept (without its metadata when stripped), with its SHA-256 (`Repr-Digest`) and the original’s (`X-Original-SHA256`)' })
  async read(@Param('id', incidentId) id: string, @Param('evidenceId', evidenceId) fileId: string, @Req() request: Request, @Res() response: Response) {
    const { evidence, bytes } = await this.open(id, fileId, request);
    const served = sha256Of(bytes);
    response.setHeader('Repr-Digest', reprDigest(served));
    response.setHeader('X-Evidence-SHA256', served);
    response.setHeader('X-Original-SHA256', evidence.sha256);
    response.setHeader('Content-Disposition', `inline; filename="${evidence.evidenceId}"`);
    response.type(evidence.mediaType).send(bytes);
  }

  @Requires('incidents:read')
  @Get(':evidenceId/thumbnail')
  @ApiOperation({ summary: 'A small JPEG of a photo (of the kept copy, without metadata)' })
  async thumbnail(@Param('id', incidentId) id: string, @Param('evidenceId', evidenceId) fileId: string, @Req() request: Request, @Res() response: Response) {
    const { evidence, bytes } = await this.open(id, fileId, request);
    const thumbnail = await thumbnailOf(bytes, evidence.mediaType);
    if (!thumbnail) throw new NotFoundError('no_thumbnail', `evidence ${fileId} is a ${evidence.mediaType}, which has no thumbnail`);
    response.type('image/jpeg').send(thumbnail);
  }

  @Requires('sources:erase')
  @Post(':evidenceId/erasure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase a file: its key and bytes are deleted; its attachment stays on the record' })
  erase(@Param('id', incidentId) id: string, @Param('evidenceId', evidenceId) fileId: string, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new RecordIncidentCommand({ type: 'EraseEvidence', data: { incidentId: id, evidenceId: fileId } }, meta, { reason: 'evidence erased' }));
  }

  /** The file's record and bytes, read from the incident's stream (never behind a projection). */
  private async open(id: string, fileId: string, request: Request): Promise<{ evidence: IncidentEvidence; bytes: Buffer }> {
    const state = await readState(this.store, incidentDecider, incidentStreamId(id));
    const evidence = state.status === 'unreported' ? undefined : evidenceOf(state.evidence, fileId);
    if (!evidence) throw new NotFoundError('evidence_not_found', `incident ${id} has no evidence ${fileId}`);
    if (evidence.confidential && !can(request.principal?.roles ?? [], 'sources:read-confidential')) {
      throw new ForbiddenError('evidence_confidential', `evidence ${fileId} is confidential: your role may not read it`);
    }
    const opened = await this.storage.open({ incidentId: id, evidenceId: fileId });
    if (evidence.erased || opened.status === 'erased') throw new GoneException({ code: 'evidence_erased', detail: `evidence ${fileId} was erased` });
    if (opened.status !== 'readable') throw new Error(`evidence ${fileId} of incident ${id} is ${opened.status} in storage`);
    return { evidence, bytes: opened.bytes };
  }
}
