import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, validateSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import './enums';
import { applyPermissions, type PermissionTable } from './permissions';
import { IsoDateScalar, VndScalar } from './scalars';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** How an entity is rebuilt from a representation `{ __typename, ...key }` sent by the gateway. */
export type ReferenceResolver<C> = (reference: Record<string, unknown>, context: C) => unknown;

/** An executable subgraph schema and the SDL that composition reads. */
export interface FederatedSchema {
  schema: GraphQLSchema;
  sdl: string;
  /** The same schema without its permission rules: only for the security-overhead benchmark. Never serve it. */
  unprotectedSchema: GraphQLSchema;
}

export interface FederatedSchemaOptions<C> {
  /** The subgraph's name (its agency's), so that a schema that cannot be built says whose it is. */
  name?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name this subgraph can resolve. */
  referenceResolvers?: Record<string, ReferenceResolver<C>>;
  /** The subgraph's permission table (its `permissions.ts`); every field it does not name is denied. */
  permissions: PermissionTable;
}

/**
 * Builds a federation-2 subgraph schema from type-graphql classes. type-graphql's schema is
 * printed with its directives (`@key` on classes), linked to the federation spec, and handed to
 * `buildSubgraphSchema` with type-graphql's resolvers plus the reference resolvers.
 */
export async function buildFederatedSchema<C>(options: FederatedSchemaOptions<C>): Promise<FederatedSchema> {
  try {
    return await buildFederated(options);
  } catch (error) {
    if (!options.name) throw error;
    throw new Error(`subgraph ${options.name}: its schema cannot be built: ${(error as Error).message}`, { cause: error });
  }
}

async function buildFederated<C>(options: FederatedSchemaOptions<C>): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    scalarsMap: [],
    // Input classes validate themselves in their resolvers; no class-validator by default.
    validate: false,
    emitSchemaFile: false,
    // A subgraph that only adds fields to Household or AdminUnit has no Query field of its own:
    // type-graphql's check would refuse it ("Type Query must define one or more fields"), though
    // the federation builder below adds _entities and _service. The finished schema is validated instead.
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  const typeDefs = parse(sdl);
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<C>;
  // Scalars are shared by name across subgraphs; give the federation builder the kit's instances.
  (resolvers as Record<string, unknown>).VND = VndScalar;
  (resolvers as Record<string, unknown>).Date = IsoDateScalar;
  for (const [typeName, resolve] of Object.entries(options.referenceResolvers ?? {})) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = {
      ...existing,
      __resolveReference: (reference: Record<string, unknown>, context: C) => resolve(reference, context),
    } as never;
  }
  const unprotectedSchema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const problems = validateSchema(unprotectedSchema);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return { schema: applyPermissions(unprotectedSchema, options.permissions), sdl, unprotectedSchema };
}
