import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The catalogue of stored event types, read from the domain's own `*.events.ts` with the
 * TypeScript checker: each type's stream, its description, and its data's fields with their
 * types — so the document cannot drift from the types the deciders use.
 */
export function eventCatalogue(root: string): string {
  const domain = join(root, 'libs/domain/src');
  const files = readdirSync(domain, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.events.ts'))
    .sort()
    .map((file) => join(domain, file));
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const sections = files.map((file) => {
    const source = program.getSourceFile(file)!;
    const events = source.statements.filter(ts.isTypeAliasDeclaration).flatMap((alias) => describeEvent(checker, alias));
    return [`## ${relative(root, file)}`, '', ...events].join('\n');
  });
  return [
    '# Event catalogue',
    '',
    'Every event type the record stores, generated from the domain types by `npm run docs:events`',
    '(a test fails when this file is out of date). A stored type is never renamed or reshaped: a new',
    'shape is a new type. Every event also carries metadata: `userId`, `commandId`, `correlationId`,',
    'and `reason` where the command gave one; the store stamps its `recordedAt`, stream and version.',
    '',
    ...sections.map((section) => `${section}\n`),
  ].join('\n');
}

function describeEvent(checker: ts.TypeChecker, alias: ts.TypeAliasDeclaration): string[] {
  const type = checker.getTypeAtLocation(alias);
  const typeProperty = type.getProperty('type');
  const dataProperty = type.getProperty('data');
  if (!typeProperty || !dataProperty || type.isUnion()) return [];
  const literal = checker.getTypeOfSymbolAtLocation(typeProperty, alias);
  if (!literal.isStringLiteral()) return [];
  const data = checker.getTypeOfSymbolAtLocation(dataProperty, alias);
  // The files open with one comment for all their types; it is said once in the header instead.
  const doc = ts.displayPartsToString(checker.getSymbolAtLocation(alias.name)?.getDocumentationComment(checker) ?? []).replace(/\s+/g, ' ').trim();
  const own = doc.startsWith('Stored event types are never renamed') ? '' : doc;
  const fields = fieldRows(checker, alias, data, '');
  return [`### ${literal.value}`, '', ...(own ? [own, ''] : []), '| field | type |', '|---|---|', ...fields, ''];
}

/** One row per field; fields of nested records (`location.lat`, `actors[].role`) get their own rows. */
function fieldRows(checker: ts.TypeChecker, at: ts.Node, type: ts.Type, prefix: string): string[] {
  return type.getProperties().flatMap((field) => {
    const optional = (field.flags & ts.SymbolFlags.Optional) !== 0;
    const fieldType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(field, at));
    const name = `${prefix}${field.name}${optional ? '?' : ''}`;
    const element = checker.isArrayType(fieldType) ? checker.getTypeArguments(fieldType as ts.TypeReference)[0] : undefined;
    const record = element ?? fieldType;
    if (isRecord(record)) return fieldRows(checker, at, record, `${name}${element ? '[]' : ''}.`);
    const text = checker.typeToString(fieldType, at, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
    return [`| \`${name}\` | \`${text.replace(/\|/g, '\\|')}\` |`];
  });
}

function isRecord(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && type.getCallSignatures().length === 0 && type.getProperties().length > 0 && !type.isUnion();
}
