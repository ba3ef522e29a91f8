import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import type { Response } from 'express';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { RecordsEvents } from '../../auth/records-events.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { waitForReadModels } from '../../http/read-your-writes.js';
import { ListsReferenceData } from '../lists-reference-data.js';
import { AddCoalitionMemberCommand } from './commands/add-coalition-member/add-coalition-member.command.js';
import { AddCoalitionMemberDto } from './commands/add-coalition-member/add-coalition-member.dto.js';
import { EndCoalitionMembershipCommand } from './commands/end-coalition-membership/end-coalition-membership.command.js';
import { EndCoalitionMembershipDto } from './commands/end-coalition-membership/end-coalition-membership.dto.js';
import { FormCoalitionCommand } from './commands/form-coalition/form-coalition.command.js';
import { FormCoalitionDto } from './commands/form-coalition/form-coalition.dto.js';
import { ListCoalitionsQuery } from './queries/list-coalitions/list-coalitions.query.js';

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
  form(@Body() body: FormCoalitionDto, @Issuer() meta: CommandMetadata) {
    const { id, name, shortName, note, citation } = body;
    return this.commands.execute(new FormCoalitionCommand(id, { name, shortName, note: note ?? '', citation: citation ?? '' }, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/memberships', 'A group joins the coalition from a date (it must not be in another coalition then)')
  join(@Param('id') id: string, @Body() body: AddCoalitionMemberDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new AddCoalitionMemberCommand(id, body.expectedVersion, body.actorId, body.from, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/departures', 'A group leaves the coalition: `on` is the first day it is no longer a member')
  leave(@Param('id') id: string, @Body() body: EndCoalitionMembershipDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new EndCoalitionMembershipCommand(id, body.expectedVersion, body.actorId, body.on, meta));
  }
}
