import { missingField, type GraphError } from '../graphql';
import { AGENCY_NAMES, useLanguage, useT, type Dictionary } from '../i18n';

const OUTAGE_CODES = ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'SUBGRAPH_CIRCUIT_OPEN', 'SUBGRAPH_OVERLOADED'] as const;
type OutageCode = (typeof OUTAGE_CODES)[number];
const isOutage = (code: string): code is OutageCode => (OUTAGE_CODES as readonly string[]).includes(code);

/**
 * One line per agency whose data is missing (the gateway sends one error per affected field, so a
 * page of 50 households would otherwise list 50 identical errors).
 */
function outages(errors: GraphError[]): GraphError[] {
  const byAgency = new Map<string, GraphError>();
  for (const e of errors) if (isOutage(e.code) && e.agency && !byAgency.has(e.agency)) byAgency.set(e.agency, e);
  return [...byAgency.values()];
}

/** Errors from the graph, shown with their code and message (and request id to quote), never a blank page. */
export function ErrorBox({ errors, testId }: { errors: GraphError[]; testId?: string }) {
  const t = useT();
  if (errors.length === 0) return null;
  const missing = missingField(errors);
  const lang = useLanguage();
  const agencyDown = outages(errors);
  const others = errors.filter((e) => !(isOutage(e.code) && e.agency));
  return (
    <div className="error" role="alert" data-testid={testId ?? 'error'}>
      <strong>{t('errorTitle')}</strong>
      {missing && (
        <p>
          {t('notInGraph')} <code>{missing}</code>
        </p>
      )}
      {agencyDown.map((e) => (
        <p key={e.agency} data-testid="agency-outage">
          <code className="code">{e.code}</code>{' '}
          {t(e.code as keyof Dictionary).replace('{agency}', AGENCY_NAMES[lang][e.agency as string] ?? (e.agency as string))}{' '}
          {t('retryLater')}
          {e.retryAfterSeconds ? ` (${e.retryAfterSeconds} ${t('seconds')})` : ''}.<span className="muted"> {e.message}</span>
        </p>
      ))}
      <ul>
        {others.map((e, i) => (
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
