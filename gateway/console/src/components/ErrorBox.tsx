import { missingField, type GraphError } from '../graphql';
import { useT } from '../i18n';

/** Errors from the graph, shown with their code and message (and request id to quote), never a blank page. */
export function ErrorBox({ errors, testId }: { errors: GraphError[]; testId?: string }) {
  const t = useT();
  if (errors.length === 0) return null;
  const missing = missingField(errors);
  return (
    <div className="error" role="alert" data-testid={testId ?? 'error'}>
      <strong>{t('errorTitle')}</strong>
      {missing && (
        <p>
          {t('notInGraph')} <code>{missing}</code>
        </p>
      )}
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <code className="code" data-testid="error-code">
              {e.code}
            </code>{' '}
            <span data-testid="error-message">{e.message}</span>
            {e.path && <span className="muted"> ({e.path.join('.')})</span>}
            {e.requestId && (
              <span className="muted">
                {' '}
                — {t('requestId')} {e.requestId}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
