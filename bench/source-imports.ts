/**
 * Lets a tsx-run process load the workspace's `#domain`, `#event-store`, … imports from their
 * TypeScript sources (the `types` entry of package.json `imports`) instead of `dist/`, which
 * exists only after a build. Only specifiers starting with `#` from outside node_modules are
 * touched. Import this module before anything that imports a library.
 */
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('#') && context.parentURL && !context.parentURL.includes('/node_modules/')) {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'types'] });
  }
  return nextResolve(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
