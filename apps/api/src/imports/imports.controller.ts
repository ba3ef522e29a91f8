import { open, rm } from 'node:fs/promises';
import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parse } from 'csv-parse/sync';
import { MAX_TEXT, isStorableText, missingColumns, type ExternalDataset } from '#domain';
import { Requires } from '../auth/access.decorators.js';
import { uuidParam } from '../http/canonical-ids.js';
import { Issuer, type CommandMetadata } from '../http/command-metadata.js';
import { ImportJobs } from './import-jobs.js';
import { ListImportsDto } from './list-imports.dto.js';
import { StartImportDto } from './start-import.dto.js';

/** How much of an upload is read to tell a CSV export of the dataset from anything else. */
const SNIFFED_BYTES = 64 * 1024;
const DATASET_NAMES: Record<ExternalDataset, string> = { acled: 'an ACLED export', ucdp: 'a UCDP GED file' };

const refuseFile = (message: string) => new BadRequestException({ code: 'validation_failed', detail: `file ${message}`, errors: [{ field: 'file', messages: [`file ${message}`] }] });

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly jobs: ImportJobs) {}

  @Requires('imports:run')
  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'dataset'],
      properties: {
        file: { type: 'string', format: 'binary' },
        dataset: { type: 'string', enum: ['acled', 'ucdp'] },
        retractMissing: { type: 'boolean' },
        release: { type: 'string', example: '25.1' },
        published: { type: 'string', format: 'date' },
      },
    },
  })
  @ApiOperation({
    summary: 'Upload an ACLED export or a UCDP GED CSV and import it in the background: 202 with the job, whose progress GET /api/imports/:id gives',
    description: 'The file is written to disk as it arrives (at most IMPORT_MAX_MB); its header must have the dataset\'s columns.',
  })
  async start(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: StartImportDto, @Issuer() meta: CommandMetadata) {
    if (!file) throw refuseFile('is required: a CSV file sent as the multipart field "file"');
    try {
      await checkUpload(file, body.dataset);
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
    return this.jobs.start({
      dataset: body.dataset,
      upload: file.path,
      fileName: file.originalname,
      totalBytes: file.size,
      retractMissing: body.retractMissing ?? false,
      ...(body.dataset === 'ucdp' ? { release: { version: body.release!, publishedAt: body.published! } } : {}),
      requestedBy: meta.userId,
    });
  }

  @Requires('imports:run')
  @Get()
  @ApiOperation({ summary: 'The latest import jobs, newest first' })
  async list(@Query() query: ListImportsDto) {
    return { imports: await this.jobs.list(query.limit ?? 50) };
  }

  @Requires('imports:run')
  @Get(':id')
  @ApiOperation({ summary: "An import job: its state, progress (bytes, rows, rate, ETA) and, once done, the summary with the rejected lines" })
  async get(@Param('id', uuidParam('id')) id: string) {
    const job = await this.jobs.get(id);
    if (!job) throw new NotFoundException({ code: 'import_not_found', detail: `no import ${id}` });
    return job;
  }
}

/** Refuses (400 naming `file`) a file name the record could not keep, a file that is not text, or a header without the dataset's columns. */
async function checkUpload(file: Express.Multer.File, dataset: ExternalDataset) {
  if (!isStorableText(file.originalname) || file.originalname.length > MAX_TEXT.name) {
    throw refuseFile(`name must be at most ${MAX_TEXT.name} characters of storable text`);
  }
  const handle = await open(file.path);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFFED_BYTES), 0, SNIFFED_BYTES, 0).finally(() => handle.close());
  const head = buffer.subarray(0, bytesRead);
  if (head.includes(0)) throw refuseFile('is not CSV: it holds binary data');
  const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0];
  let header: string[];
  try {
    [header = []] = parse(firstLine, { bom: true, to_line: 1 }) as string[][];
  } catch {
    throw refuseFile('is not CSV: its first line is not a header row');
  }
  const missing = missingColumns(dataset, header);
  if (missing.length) throw refuseFile(`is not ${DATASET_NAMES[dataset]}: its header lacks ${missing.join(', ')}`);
}
