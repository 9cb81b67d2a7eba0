import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind } from 'graphql';
import { ErrorCode, HttpError } from '@gnbv/platform';
import type { LimitsConfig } from './config';

/**
 * Operation limits from graphql-armor, every one set explicitly from config. A refused
 * operation gets a 400 before any subgraph is called, and the message does not reveal the limit
 * (`exposeLimits: false`). Field suggestions ("Did you mean ...") are blocked in production.
 */
export function operationLimits<C extends BaseContext>(limits: LimitsConfig, production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: {
      enabled: true,
      n: limits.maxDepth,
      exposeLimits: false,
      flattenFragments: true,
      errorMessage: 'the operation is nested too deeply; ask for fewer levels at once.',
    },
    maxAliases: {
      enabled: true,
      n: limits.maxAliases,
      exposeLimits: false,
      errorMessage: 'the operation uses too many aliases.',
    },
    // Armor's token limit throws inside Apollo's parsing hook, which Apollo 5 answers with a 500;
    // `assertTokenLimit` below applies the same limit before Apollo sees the request.
    maxTokens: { enabled: false },
    maxDirectives: {
      enabled: true,
      n: limits.maxDirectives,
      exposeLimits: false,
      errorMessage: 'the operation uses too many directives.',
    },
    costLimit: {
      enabled: true,
      maxCost: limits.maxCost,
      exposeLimits: false,
      errorMessage: 'the operation asks for too much at once; request fewer fields or smaller pages.',
    },
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  // Armor's plugins read no context field, so they fit any context type.
  return { plugins: plugins as unknown as ApolloServerPlugin<C>[], validationRules };
}

/** The operation text of a POST body or a GET query string. */
export function operationText(body: unknown, url: URL): string | undefined {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query === 'string') return query;
  return url.searchParams.get('query') ?? undefined;
}

/**
 * Refuses an operation over the length or token limit with a 400 before it is parsed; the
 * message does not reveal the limit. Text that does not even lex is left to the parser's error.
 */
export function assertSizeLimits(text: string | undefined, limits: LimitsConfig): void {
  if (text === undefined) return;
  if (text.length > limits.maxQueryLength) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'query: the operation text is too long; shorten it or split it.');
  }
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.maxTokens) {
        throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'query: the operation has too many tokens; ask for less at once.');
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
  }
}
