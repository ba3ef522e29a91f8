import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import type { Response } from 'express';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { RecordsEvents } from '../../auth/records-events.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { waitForReadModels } from '../../http/read-your-writes.js';
import { ListsReferenceData } from '../lists-reference-data.js';
import { AddCoalitionMemberDto } from './add-coalition-member.dto.js';
import { EndCoalitionMembershipDto } from './end-coalition-membership.dto.js';
import { FormCoalitionDto } from './form-coalition.dto.js';
import { ListCoalitionsQuery } from './queries/list-coalitions/list-coalitions.query.js';
import { RecordCoalitionCommand } from './coalition.command.js';

/** Coalitions and their memberships over time: a group's coalition depends on the date. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/coalitions')
export class CoalitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @ListsReferenceData('The coalitions with their memberships (from included, to excluded; null while it lasts)')
  async list(@Query('minPosition') minPosition: string | undefined, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, ['coalitions'], minPosition, response);
    return this.queries.execute(new ListCoalitionsQuery());
  }

  @RecordsEvents('reference:manage', 'POST', '', 'Record a coalition')
  async form(@Body() body: FormCoalitionDto, @Issuer() meta: CommandMetadata) {
    const { id, name, shortName, note, citation } = body;
    const profile = { name, shortName, note: note ?? '', citation: citation ?? '' };
    return { id, ...(await this.commands.execute(new RecordCoalitionCommand({ type: 'FormCoalition', data: { coalitionId: id, profile } }, meta))) };
  }

  @RecordsEvents('reference:manage', 'POST', ':id/memberships', 'A group joins the coalition from a date (it must not be in another coalition then)')
  join(@Param('id') id: string, @Body() body: AddCoalitionMemberDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, actorId, from } = body;
    return this.commands.execute(new RecordCoalitionCommand({ type: 'AddCoalitionMember', data: { coalitionId: id, actorId, from } }, meta, { expectedVersion }));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/departures', 'A group leaves the coalition: `on` is the first day it is no longer a member')
  leave(@Param('id') id: string, @Body() body: EndCoalitionMembershipDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, actorId, on } = body;
    return this.commands.execute(new RecordCoalitionCommand({ type: 'EndCoalitionMembership', data: { coalitionId: id, actorId, on } }, meta, { expectedVersion }));
  }
}
