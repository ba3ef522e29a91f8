import { Body, Controller, Param, ParseBoolPipe, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import type { Response } from 'express';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { RecordsEvents } from '../../auth/records-events.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { waitForReadModels } from '../../http/read-your-writes.js';
import { ListsReferenceData } from '../lists-reference-data.js';
import { AddActorAliasDto } from './add-actor-alias.dto.js';
import { ReclassifyActorDto } from './reclassify-actor.dto.js';
import { RegisterActorDto } from './register-actor.dto.js';
import { RenameActorDto } from './rename-actor.dto.js';
import { ConfirmActorDto } from './confirm-actor.dto.js';
import { MergeActorDto } from './merge-actor.dto.js';
import { ListActorsQuery } from './queries/list-actors/list-actors.query.js';
import { RecordActorCommand } from './actor.command.js';

/** Actors are event-sourced reference data: every change is an event with who, when and why. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/actors')
export class ActorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @ListsReferenceData('The actors: names, aliases used by other datasets, kind and ACLED inter code')
  async list(
    @Query('minPosition') minPosition: string | undefined,
    @Query('provisional', new ParseBoolPipe({ optional: true })) provisional: boolean | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    await waitForReadModels(this.projections, ['actors'], minPosition, response);
    return this.queries.execute(new ListActorsQuery(provisional ?? false));
  }

  @RecordsEvents('actors:register', 'POST', '', 'Register an actor')
  async register(@Body() body: RegisterActorDto, @Issuer() meta: CommandMetadata) {
    const { id, aliases, note, citation, ...rest } = body;
    const profile = { ...rest, aliases: aliases ?? [], note: note ?? '', citation: citation ?? '' };
    return { id, ...(await this.commands.execute(new RecordActorCommand({ type: 'RegisterActor', data: { actorId: id, profile } }, meta))) };
  }

  @RecordsEvents('reference:manage', 'POST', ':id/renaming', 'Rename an actor, with a reason')
  rename(@Param('id') id: string, @Body() body: RenameActorDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, name, shortName, reason } = body;
    return this.commands.execute(new RecordActorCommand({ type: 'RenameActor', data: { actorId: id, name, shortName, reason } }, meta, { expectedVersion, reason }));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/aliases', 'Add a name another dataset uses for this actor')
  addAlias(@Param('id') id: string, @Body() body: AddActorAliasDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new RecordActorCommand({ type: 'AddActorAlias', data: { actorId: id, alias: body.alias } }, meta, { expectedVersion: body.expectedVersion }));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/classification', 'Change the kind and ACLED inter code, with a reason')
  reclassify(@Param('id') id: string, @Body() body: ReclassifyActorDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, kind, inter, reason } = body;
    return this.commands.execute(new RecordActorCommand({ type: 'ReclassifyActor', data: { actorId: id, kind, inter, reason } }, meta, { expectedVersion, reason }));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/confirmation', 'Confirm an actor an import created as an actor in its own right')
  confirm(@Param('id') id: string, @Body() body: ConfirmActorDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, reason } = body;
    return this.commands.execute(new RecordActorCommand({ type: 'ConfirmActor', data: { actorId: id, reason } }, meta, { expectedVersion, reason }));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/merger', 'Merge this actor into another (the survivor): its incidents count under the survivor')
  merge(@Param('id') id: string, @Body() body: MergeActorDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, into, reason } = body;
    return this.commands.execute(new RecordActorCommand({ type: 'MergeActor', data: { actorId: id, into, reason } }, meta, { expectedVersion, reason }));
  }
}
