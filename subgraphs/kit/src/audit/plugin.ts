import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { ErrorCode } from '@gnbv/platform';
import { appendAuditGrouped } from './append';
import type { AuditCollector, AuditIdentity } from './collector';

/** The context fields the audit plugin needs. */
export interface AuditedContext extends AuditIdentity {
  db: DataSource;
  audit: AuditCollector;
  logger: { error(message: string, fields?: Record<string, unknown>): void };
}

export const AUDIT_FAILED_MESSAGE =
  'The request read personal data, but its audit record could not be written, so nothing is returned. Try again later.';

/**
 * Writes what a request collected before the response leaves. If the write fails, the response
 * is replaced by an error: no personal data leaves unaudited.
 */
export function auditPlugin<C extends AuditedContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (contextValue.audit.isEmpty) return;
          const groups = contextValue.audit.drain();
          try {
            await appendAuditGrouped(contextValue.db, contextValue, groups);
          } catch (error) {
            contextValue.logger.error('audit write failed; response withheld', { requestId: contextValue.requestId, error });
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                {
                  message: AUDIT_FAILED_MESSAGE,
                  extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId: contextValue.requestId },
                },
              ];
            }
          }
        },
      };
    },
  };
}
