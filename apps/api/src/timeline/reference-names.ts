import { readFile } from 'node:fs/promises';
import type { SummaryNames } from '#read-models';
import { dataFile } from '../project/project-root.js';

interface ReferenceFile {
  actors: { id: string; shortName?: string; name: string }[];
  agreements: { id: string; name: string; shortName?: string }[];
}

let names: Promise<SummaryNames> | undefined;

/** Short names of actors and agreements, for putting timeline summaries into words. */
export function referenceNames(): Promise<SummaryNames> {
  names ??= readFile(dataFile('actors.json'), 'utf8')
    .then((text) => {
      const file = JSON.parse(text) as ReferenceFile;
      const actors = new Map(file.actors.map((a) => [a.id, a.shortName || a.name]));
      const agreements = new Map(file.agreements.map((a) => [a.id, a.shortName || shorten(a.name)]));
      return { actor: (id: string) => actors.get(id), agreement: (id: string) => agreements.get(id) };
    })
    .catch(() => ({}));
  return names;
}

/** "Accord préliminaire … (Ouagadougou preliminary agreement)" → "Ouagadougou preliminary agreement". */
function shorten(name: string): string {
  const inParentheses = /\(([^()]+)\)\s*$/.exec(name);
  return inParentheses ? inParentheses[1] : name;
}
