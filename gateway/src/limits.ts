import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { LimitsConfig } from './config';

/**
 * Operation limits from graphql-armor, every one set explicitly from config. A refused
 * operation gets a 400 before any subgraph is called, and the message does not reveal the limit
 * (`exposeLimits: false`). Field suggestions ("Did you mean ...") are blocked in production.
 */
export function operationLimits<C extends BaseContext>(limits: LimitsConfig, production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { enabled: true, n: limits.maxAliases, exposeLimits: false },
    maxTokens: { enabled: true, n: limits.maxTokens, exposeLimits: false },
    maxDirectives: { enabled: true, n: limits.maxDirectives, exposeLimits: false },
    costLimit: { enabled: true, maxCost: limits.maxCost, exposeLimits: false },
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  // Armor's plugins read no context field, so they fit any context type.
  return { plugins: plugins as unknown as ApolloServerPlugin<C>[], validationRules };
}
