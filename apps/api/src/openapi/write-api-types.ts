import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project/project-root.js';
import { API_TYPES_FILE, apiTypes } from './api-types.js';

// `npm run api:types`: regenerates the web app's API types from the OpenAPI document.
writeFileSync(join(projectRoot(), API_TYPES_FILE), await apiTypes());
