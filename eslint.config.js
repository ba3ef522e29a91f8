import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const APPS = ['api', 'cli', 'projector', 'web'];
const notInto = (regex, message) => ({ regex, message });
const intoOtherApps = (app) =>
  notInto(`^(\\.\\./)+(apps/)?(${APPS.filter((other) => other !== app).join('|')})(/|$)`, `apps/${app} may not import another app: move what both need into libs/`);
const LIB_INTO_APP = notInto('(^|/)apps/', 'a lib may not import an app');

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test-artifacts/', 'apps/web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Dependencies point one way: apps → libs, never app → app or lib → app. bench/ and test/ build
  // on the libs and may start the API only through its public entry, apps/api/src/app.ts.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoOtherApps(app)] }] },
  })),
  // Inside the API: commands know nothing of HTTP, and HTTP plumbing nothing of sign-in.
  {
    files: ['apps/api/src/commands/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoOtherApps('api'), notInto('^(\\.\\./)+http/', 'commands do not depend on http/')] }] },
  },
  {
    files: ['apps/api/src/http/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoOtherApps('api'), notInto('^(\\.\\./)+auth/', 'http/ does not depend on auth/')] }] },
  },
  {
    files: ['libs/**'],
    ignores: ['libs/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIB_INTO_APP] }] },
  },
  {
    files: ['bench/**', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [notInto('(^|/)apps/(?!api/src/app\\.js$)', 'bench/ and test/ import libs/, and the API only through apps/api/src/app.js')] },
      ],
    },
  },
  {
    // The rules of incidents and reviews stay readable and testable alone.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', 'class-validator', 'class-transformer', '#*', '../../../*'] }, LIB_INTO_APP] },
      ],
    },
  },
);
