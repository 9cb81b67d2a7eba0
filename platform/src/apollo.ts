import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isClientError } from './errors';
import type { Logger } from './logger';

/** What every request context carries, in the gateway and in each subgraph. */
export interface RequestContext extends BaseContext {
  requestId: string;
  logger: Logger;
}

/**
 * Logs every fault with its request id (clients only see the masked message) and stamps the
 * request id on every error sent, so a user's report can be matched to the log.
 */
export function errorPlugin<C extends RequestContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            contextValue.logger.error('resolver fault', {
              requestId: contextValue.requestId,
              operationName,
              path: error.path,
              error: error.originalError ?? error,
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>) = { ...error.extensions, requestId: contextValue.requestId };
          }
        },
      };
    },
  };
}
