import { Body, Controller, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import type { Response } from 'express';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { RecordsEvents } from '../../auth/records-events.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { waitForReadModels } from '../../http/read-your-writes.js';
import { ListsReferenceData } from '../lists-reference-data.js';
import { RegisterAgreementDto } from './register-agreement.dto.js';
import { ListAgreementsQuery } from './queries/list-agreements/list-agreements.query.js';
import { RecordAgreementCommand } from './agreement.command.js';

/** The agreements a violation can be held against: signatories and the day they come into force. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/agreements')
export class AgreementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @ListsReferenceData('The agreements, in the order they came into force')
  async list(@Query('minPosition') minPosition: string | undefined, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, ['agreements'], minPosition, response);
    return this.queries.execute(new ListAgreementsQuery());
  }

  @RecordsEvents('reference:manage', 'POST', '', 'Register an agreement signed by its parties')
  async register(@Body() body: RegisterAgreementDto, @Issuer() meta: CommandMetadata) {
    const { id, notes, citation, ...terms } = body;
    const agreement = { agreementId: id, terms: { ...terms, notes: notes ?? '', citation: citation ?? '' } };
    return { id, ...(await this.commands.execute(new RecordAgreementCommand({ type: 'RegisterAgreement', data: agreement }, meta))) };
  }
}
