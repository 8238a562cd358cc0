import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { Kind, buildSchema, execute, parse, validate } from 'graphql';
import type { RequestContext } from './context';
import { FakeError, FakeErrors } from './errors';
import { addAbsences, removeAbsences, updateAbsences } from './resolvers/absences';
import { addEmployees, removeEmployees, updateEmployees } from './resolvers/employees';
import { addCompanies, addCustomers, addGLImportItems } from './resolvers/invoice-export';
import { addInvoiceBaseItems, addSalesOrderItems } from './resolvers/invoicing';
import { addSuppliers, updateContacts, updateSubledgers, updateSuppliers } from './resolvers/ledger';
import { masterDataResolvers } from './resolvers/master-data';
import { queryResolvers } from './resolvers/queries';

export const SCHEMA_PATH = path.join(__dirname, 'schema.graphql');
export const SCHEMA_SDL = readFileSync(SCHEMA_PATH, 'utf8');

let schema: GraphQLSchema | undefined;
export function fakeSchema(): GraphQLSchema {
  return (schema ??= buildSchema(SCHEMA_SDL));
}

let schemaWithoutAbsenceMutations: GraphQLSchema | undefined;
/** The schema of an Xledger API that has no absence mutation (knob `absenceMutations: false`). */
export function fakeSchemaWithoutAbsenceMutations(): GraphQLSchema {
  return (schemaWithoutAbsenceMutations ??= buildSchema(SCHEMA_SDL.replace(/^\s*(add|update|remove)Absences\(.*$/gm, '')));
}

const servedSchemas = new Map<string, GraphQLSchema>();
/** The schema as the knobs shape it: without absence mutations, without the export key filters, or both. */
function servedSchema(options: { absenceMutations?: boolean; exportKeyFilters?: boolean }): GraphQLSchema {
  const absences = options.absenceMutations !== false;
  if (options.exportKeyFilters !== false) return absences ? fakeSchema() : fakeSchemaWithoutAbsenceMutations();
  const sdl = absences ? SCHEMA_SDL : SCHEMA_SDL.replace(/^\s*(add|update|remove)Absences\(.*$/gm, '');
  return cached(absences ? 'no-key-filters' : 'no-key-filters, no absences', () => buildSchema(withoutExportKeyFilters(sdl)));
}

function cached(key: string, build: () => GraphQLSchema): GraphQLSchema {
  let s = servedSchemas.get(key);
  if (!s) servedSchemas.set(key, (s = build()));
  return s;
}

/** The export documents' filter inputs without extOrder/extIdentifier (knob `exportKeyFilters: false`). */
function withoutExportKeyFilters(sdl: string): string {
  return sdl.replace(/^(input (SalesOrderFilter|InvoiceBaseItemFilter|GLImportItemFilter) \{.*)$/gm, (line) =>
    line.replace(/ ext(Order|Identifier)(_in)?: \[?String!?\]?/g, ''),
  );
}

const rootValue = {
  ...queryResolvers,
  ...masterDataResolvers,
  addEmployees,
  updateEmployees,
  removeEmployees,
  updateContacts,
  updateSubledgers,
  addSuppliers,
  updateSuppliers,
  addAbsences,
  updateAbsences,
  removeAbsences,
  addInvoiceBaseItems,
  addSalesOrderItems,
  addGLImportItems,
  addCompanies,
  addCustomers,
};

export interface JsonError {
  message: string;
  code?: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

export interface DocumentInfo {
  document?: DocumentNode;
  parseError?: string;
  operationName: string;
  /** The operation's own name, if it has one (what graphql-js needs to pick it). */
  namedOperation?: string;
  kind: 'query' | 'mutation' | 'subscription' | 'unknown';
  rootFields: string[];
}

/** Parse once up front: stats and forced faults match on the operation name and root fields. */
export function inspectDocument(query: unknown, operationName: unknown): DocumentInfo {
  if (typeof query !== 'string') return { parseError: 'No query string was present', operationName: 'unknown', kind: 'unknown', rootFields: [] };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (e) {
    // Xledger reports parse failures as "Error parsing query: <reason>" (Huma's help centre).
    const reason = (e as Error).message.replace(/^Syntax Error:\s*/, '');
    return { parseError: `Error parsing query: ${reason}`, operationName: 'unknown', kind: 'unknown', rootFields: [] };
  }
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops.find((o) => typeof operationName === 'string' && o.name?.value === operationName) ?? ops[0];
  const rootFields = (op?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  return {
    document,
    operationName: op?.name?.value ?? rootFields[0] ?? 'anonymous',
    ...(op?.name ? { namedOperation: op.name.value } : {}),
    kind: op?.operation ?? 'unknown',
    rootFields,
  };
}

function formatGraphQLError(e: GraphQLError): JsonError[] {
  const orig = e.originalError;
  const where = {
    ...(e.path ? { path: e.path } : {}),
    ...(e.locations ? { locations: e.locations } : {}),
  };
  if (orig instanceof FakeErrors) {
    return orig.errors.map((fe) => ({ message: fe.message, ...where, extensions: fe.extensions, ...(fe.code ? { code: fe.code } : {}) }));
  }
  if (orig instanceof FakeError) {
    return [{ message: orig.message, ...(orig.code ? { code: orig.code } : {}), ...where, extensions: orig.extensions }];
  }
  if (!e.path) {
    // Variable coercion failures; GraphQL.NET reports these as ARGUMENTS_OF_CORRECT_TYPE.
    return [{ message: e.message, ...where, extensions: { code: 'ARGUMENTS_OF_CORRECT_TYPE' } }];
  }
  return [{ message: `Internal server error: ${e.message}`, ...where }];
}

export interface ExecutionOutcome {
  status: number;
  body: { data?: unknown; errors?: JsonError[] };
}

export async function executeDocument(
  info: DocumentInfo,
  variables: unknown,
  ctx: RequestContext,
  options: { absenceMutations?: boolean; exportKeyFilters?: boolean } = {},
): Promise<ExecutionOutcome> {
  const served = servedSchema(options);
  if (info.parseError || !info.document) {
    return { status: 200, body: { errors: [{ message: info.parseError ?? 'Error parsing query', extensions: { code: 'SYNTAX_ERROR' } }] } };
  }
  const validationErrors = validate(served, info.document);
  if (validationErrors.length > 0) {
    return {
      status: 200,
      body: {
        errors: validationErrors.map((e) => ({
          // Xledger (GraphQL.NET) quotes names with backticks: "Cannot query field `foo` on type `Query`".
          message: e.message.replace(/"([^"]*)"/g, '`$1`'),
          ...(e.locations ? { locations: e.locations } : {}),
          extensions: { code: /^Cannot query field/.test(e.message) ? 'FIELDS_ON_CORRECT_TYPE' : 'GRAPHQL_VALIDATION_FAILED' },
        })),
      },
    };
  }
  const result = await execute({
    schema: served,
    document: info.document,
    rootValue,
    contextValue: ctx,
    variableValues: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: info.namedOperation,
  });
  const body: ExecutionOutcome['body'] = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.flatMap(formatGraphQLError);
  return { status: 200, body };
}
