import { ExportIncidentsHandler } from './export-incidents/export-incidents.handler.js';
import { GetIncidentHistoryHandler } from './get-incident-history/get-incident-history.handler.js';
import { GetIncidentHandler } from './get-incident/get-incident.handler.js';
import { ListIncidentsHandler } from './list-incidents/list-incidents.handler.js';
import { MapIncidentsHandler } from './map-incidents/map-incidents.handler.js';

export const IncidentQueryHandlers = [ListIncidentsHandler, MapIncidentsHandler, GetIncidentHandler, GetIncidentHistoryHandler, ExportIncidentsHandler];
