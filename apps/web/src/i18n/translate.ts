import type {
  ActorRole,
  GeoPrecision,
  IncidentSubType,
  IncidentType,
  RetractionReason,
  SourceKind,
  SourceReliability,
  Target,
  TimePrecision,
  VerificationLevel,
} from '../../../../libs/domain/src/incident/incident.taxonomy.js';
import type { ActorKind } from '../../../../libs/domain/src/reference/actor.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { fr } from './fr.js';

// Pure lookups (no DOM), so they can be unit-tested in Node.

export const LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type Params = Record<string, string | number>;

export const catalogues: Record<Lang, Catalogue> = { fr, en };

/** Every closed vocabulary of an incident, keyed by its catalogue prefix. */
interface Vocabularies {
  type: IncidentType;
  subType: IncidentSubType;
  target: Target;
  timePrecision: TimePrecision;
  geoPrecision: GeoPrecision;
  role: ActorRole;
  verification: VerificationLevel;
  sourceKind: SourceKind;
  reliability: SourceReliability;
  retractionReason: RetractionReason;
  status: 'active' | 'retracted';
  actorKind: ActorKind;
}
export type Vocabulary = keyof Vocabularies;
type LabelKey = { [V in Vocabulary]: `${V}.${Vocabularies[V]}` }[Vocabulary];

// Compile-time proof that every taxonomy code has a label: adding a code to the domain
// without translating it breaks the build.
const everyCodeHasALabel: LabelKey extends MessageKey ? true : never = true;
void everyCodeHasALabel;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = catalogues[lang][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `base_one` or `base_other` by the language's plural rules (French counts 0 as one). */
export function translatePlural(lang: Lang, base: string, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${base}_${form}` as MessageKey, { count, ...params });
}

/** The label of a taxonomy code; an unknown code (newer server) is shown as it is. */
export function translateCode(lang: Lang, vocabulary: Vocabulary, code: string): string {
  const key = `${vocabulary}.${code}`;
  return key in catalogues[lang] ? translate(lang, key as MessageKey) : code;
}

export function preferredLanguage(stored: string | null, browser: readonly string[]): Lang {
  if (stored === 'fr' || stored === 'en') return stored;
  return browser.some((tag) => tag.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}
