import { AmendIncidentHandler } from './amend-incident/amend-incident.handler.js';
import { EraseSourceHandler } from './erase-source/erase-source.handler.js';
import { ReportIncidentHandler } from './report-incident/report-incident.handler.js';
import { RetractIncidentHandler } from './retract-incident/retract-incident.handler.js';
import { SetVerificationHandler } from './set-verification/set-verification.handler.js';

export const IncidentCommandHandlers = [ReportIncidentHandler, AmendIncidentHandler, SetVerificationHandler, RetractIncidentHandler, EraseSourceHandler];
