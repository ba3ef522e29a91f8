import { Body, Controller, Param, ParseBoolPipe, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import type { Response } from 'express';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { RecordsEvents } from '../../http/records-events.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { waitForReadModels } from '../../http/read-your-writes.js';
import { ListsReferenceData } from '../lists-reference-data.js';
import { AddActorAliasCommand } from './commands/add-actor-alias/add-actor-alias.command.js';
import { AddActorAliasDto } from './commands/add-actor-alias/add-actor-alias.dto.js';
import { ReclassifyActorCommand } from './commands/reclassify-actor/reclassify-actor.command.js';
import { ReclassifyActorDto } from './commands/reclassify-actor/reclassify-actor.dto.js';
import { RegisterActorCommand } from './commands/register-actor/register-actor.command.js';
import { RegisterActorDto } from './commands/register-actor/register-actor.dto.js';
import { RenameActorCommand } from './commands/rename-actor/rename-actor.command.js';
import { RenameActorDto } from './commands/rename-actor/rename-actor.dto.js';
import { ConfirmActorCommand } from './commands/confirm-actor/confirm-actor.command.js';
import { ConfirmActorDto } from './commands/confirm-actor/confirm-actor.dto.js';
import { MergeActorCommand } from './commands/merge-actor/merge-actor.command.js';
import { MergeActorDto } from './commands/merge-actor/merge-actor.dto.js';
import { ListActorsQuery } from './queries/list-actors/list-actors.query.js';

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

  @RecordsEvents('reference:manage', 'POST', '', 'Register an actor')
  register(@Body() body: RegisterActorDto, @Issuer() meta: CommandMetadata) {
    const { id, aliases, note, citation, ...rest } = body;
    return this.commands.execute(new RegisterActorCommand(id, { ...rest, aliases: aliases ?? [], note: note ?? '', citation: citation ?? '' }, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/renaming', 'Rename an actor, with a reason')
  rename(@Param('id') id: string, @Body() body: RenameActorDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new RenameActorCommand(id, body.expectedVersion, body.name, body.shortName, body.reason, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/aliases', 'Add a name another dataset uses for this actor')
  addAlias(@Param('id') id: string, @Body() body: AddActorAliasDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new AddActorAliasCommand(id, body.expectedVersion, body.alias, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/classification', 'Change the kind and ACLED inter code, with a reason')
  reclassify(@Param('id') id: string, @Body() body: ReclassifyActorDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new ReclassifyActorCommand(id, body.expectedVersion, body.kind, body.inter, body.reason, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/confirmation', 'Confirm an actor an import created as an actor in its own right')
  confirm(@Param('id') id: string, @Body() body: ConfirmActorDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new ConfirmActorCommand(id, body.expectedVersion, body.reason, meta));
  }

  @RecordsEvents('reference:manage', 'POST', ':id/merger', 'Merge this actor into another (the survivor): its incidents count under the survivor')
  merge(@Param('id') id: string, @Body() body: MergeActorDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new MergeActorCommand(id, body.expectedVersion, body.into, body.reason, meta));
  }
}
