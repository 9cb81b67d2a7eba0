import { useEffect, useState } from 'react';
import { useLanguage, useT } from './i18n';
import { decodeClaims, saveSession, type Session } from './session';

export interface ConsoleSettings {
  explorer: boolean;
  demoRoles: boolean;
  purposes: string[];
  production: boolean;
}

interface DemoRole {
  id: string;
  label: { vi: string; en: string };
  purpose?: string;
}

/** Paste a token (and choose a purpose); in development, or pick a demo role the gateway signs a token for. */
export function SignIn({
  settings,
  onSignedIn,
  notice,
}: {
  settings: ConsoleSettings;
  onSignedIn: (s: Session) => void;
  notice?: string;
}) {
  const t = useT();
  const lang = useLanguage();
  const [token, setToken] = useState('');
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string | null>(notice ?? null);
  const [roles, setRoles] = useState<DemoRole[]>([]);
  const [role, setRole] = useState('');

  useEffect(() => {
    if (!settings.demoRoles) return;
    fetch('/console/demo-roles')
      .then((r) => r.json() as Promise<{ roles: DemoRole[] }>)
      .then((body) => {
        setRoles(body.roles);
        setRole(body.roles[0]?.id ?? '');
      })
      .catch((e: unknown) => setError(String(e)));
  }, [settings.demoRoles]);

  const signIn = (value: string, chosenPurpose: string | null) => {
    if (!decodeClaims(value.trim())) {
      setError(t('tokenInvalid'));
      return;
    }
    const session = saveSession(value.trim(), chosenPurpose);
    if (session) onSignedIn(session);
  };

  const useDemo = async () => {
    setError(null);
    const res = await fetch('/console/demo-roles/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    const body = (await res.json()) as { token?: string; errors?: Array<{ message: string }> };
    if (!res.ok || !body.token) {
      setError(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
      return;
    }
    // A token bound to a purpose cannot declare another: keep the bound one.
    const bound = roles.find((r) => r.id === role)?.purpose;
    signIn(body.token, bound ?? (purpose || null));
  };

  return (
    <main className="signin">
      <h1>{t('signInTitle')}</h1>
      {error && (
        <div className="error" role="alert" data-testid="signin-error">
          {error}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          signIn(token, purpose || null);
        }}
      >
        <label>
          {t('tokenLabel')}
          <textarea
            data-testid="token-input"
            rows={5}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <p className="muted">{t('tokenHelp')}</p>
        <label>
          {t('purposeLabel')}
          <select data-testid="purpose-select" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            <option value="">{t('purposeNone')}</option>
            {settings.purposes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="signin-submit" disabled={!token.trim()}>
          {t('signIn')}
        </button>
      </form>
      {settings.demoRoles && roles.length > 0 && (
        <fieldset className="demo" data-testid="demo-roles">
          <legend>{t('demoRoles')}</legend>
          <p className="muted">{t('demoRolesHelp')}</p>
          <select data-testid="demo-role-select" value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label[lang]}
              </option>
            ))}
          </select>{' '}
          <button type="button" data-testid="demo-role-submit" onClick={() => void useDemo()}>
            {t('useDemoRole')}
          </button>
        </fieldset>
      )}
    </main>
  );
}
