import {
  ACTOR_ROLES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  RETRACTION_REASONS,
  SOURCE_KINDS,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  VERIFICATION_LEVELS,
} from '#domain';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { preferredLanguage, translate, translateCode, translatePlural } from '../src/i18n/translate.js';

describe('The web app’s catalogues', () => {
  it('have the same keys in French and English, none left empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const catalogue of [fr, en]) {
      expect(Object.entries(catalogue).filter(([, text]) => !text.trim())).toEqual([]);
    }
  });

  it('label every code of every vocabulary in both languages', () => {
    const vocabularies = {
      type: Object.keys(INCIDENT_TYPES),
      subType: Object.values(INCIDENT_TYPES).flat(),
      target: TARGETS,
      timePrecision: TIME_PRECISIONS,
      geoPrecision: GEO_PRECISIONS,
      role: ACTOR_ROLES,
      verification: VERIFICATION_LEVELS,
      sourceKind: SOURCE_KINDS,
      reliability: SOURCE_RELIABILITIES,
      retractionReason: RETRACTION_REASONS,
    } as const;
    for (const lang of ['fr', 'en'] as const) {
      for (const [vocabulary, codes] of Object.entries(vocabularies)) {
        for (const code of codes) expect(translateCode(lang, vocabulary as keyof typeof vocabularies, code)).not.toBe(code);
      }
    }
    expect(translateCode('fr', 'target', 'peacekeepers')).toBe('Casques bleus');
  });

  it('uses the same parameters in both languages', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect([key, params(fr[key])]).toEqual([key, params(en[key])]);
  });

  it('fills parameters and picks plural forms by language (French counts 0 as one)', () => {
    expect(translate('en', 'panel.version', { version: 3 })).toBe('Version 3');
    expect(translatePlural('fr', 'map.inView', 0)).toBe('0 incident dans la vue');
    expect(translatePlural('en', 'map.inView', 0)).toBe('0 incidents in view');
    expect(translatePlural('en', 'map.inView', 1)).toBe('1 incident in view');
  });

  it('starts in French when the browser prefers it, and remembers a choice', () => {
    expect(preferredLanguage(null, ['fr-ML', 'en'])).toBe('fr');
    expect(preferredLanguage(null, ['en-GB', 'fr'])).toBe('fr');
    expect(preferredLanguage(null, ['en-GB'])).toBe('en');
    expect(preferredLanguage('en', ['fr-FR'])).toBe('en');
  });
});
