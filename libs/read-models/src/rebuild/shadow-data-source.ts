import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES } from '../read-model-data-source.js';
import { ident } from './shadow-schema.js';

/**
 * A connection to the read-model database whose search path is the shadow schema alone: a
 * projection run through it writes into the fresh tables, and a table it writes but that was
 * not copied fails loudly instead of touching the live one.
 */
export function shadowDataSource(url: string, schema: string, poolSize = 2): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    synchronize: false,
    extra: { max: poolSize, options: `-c search_path=${ident(schema)}` },
  });
}

export const urlOf = (db: DataSource) => (db.options as { url: string }).url;
