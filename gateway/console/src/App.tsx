import { lazy, Suspense, useEffect, useState } from 'react';
import { Dashboard } from './dashboard/Dashboard';
import { LanguageContext, DICTIONARIES, type Language } from './i18n';
import { clearSession, expired, loadSession, type Session } from './session';
import { SignIn, type ConsoleSettings } from './SignIn';

// GraphiQL and Monaco are several megabytes: only the explorer page loads them.
const Explorer = lazy(() => import('./Explorer'));

const LANGUAGE = 'gnbv.language';

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = (next: string) => {
    history.pushState(null, '', next);
    setPath(new URL(next, location.origin).pathname);
  };
  return [path, go];
}

export function App() {
  const [lang, setLang] = useState<Language>(() => (localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi'));
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [settingsError, setSettingsError] = useState(false);
  const [session, setSession] = useState<Session | null>(loadSession);
  const [path, go] = usePath();
  const t = DICTIONARIES[lang];

  useEffect(() => {
    fetch('/console/settings')
      .then((r) => (r.ok ? (r.json() as Promise<ConsoleSettings>) : Promise.reject(new Error(String(r.status)))))
      .then(setSettings, () => setSettingsError(true));
  }, []);
  useEffect(() => {
    localStorage.setItem(LANGUAGE, lang);
    document.documentElement.lang = lang;
    document.title = t.appTitle;
  }, [lang, t]);

  const live = session && !expired(session) ? session : null;
  const signOut = () => {
    clearSession();
    setSession(null);
  };
  const roles = live ? [live.claims.roles ?? []].flat().join('/') : '';
  const scope = live ? [live.claims.scope ?? []].flat().join(',') : '';

  return (
    <LanguageContext.Provider value={lang}>
      <header className="top">
        <strong>{t.appTitle}</strong>
        <nav>
          <a
            href="/"
            className={path === '/' ? 'active' : ''}
            onClick={(e) => {
              e.preventDefault();
              go(`/${path === '/' ? location.search : ''}`);
            }}
          >
            {t.dashboard}
          </a>
          {settings?.explorer && (
            <a
              href="/explorer"
              data-testid="nav-explorer"
              className={path === '/explorer' ? 'active' : ''}
              onClick={(e) => {
                e.preventDefault();
                go('/explorer');
              }}
            >
              {t.explorer}
            </a>
          )}
        </nav>
        <span className="spacer" />
        {live && (
          <span className="who" data-testid="signed-in-as">
            {t.signedInAs} {live.claims.agency} {roles} · {scope}
            {live.purpose ? ` · ${live.purpose}` : ''}
          </span>
        )}
        <button type="button" data-testid="language-toggle" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t.language}
        </button>
        {live && (
          <button type="button" data-testid="sign-out" onClick={signOut}>
            {t.signOut}
          </button>
        )}
      </header>
      {settingsError && <div className="error">{t.consoleSettingsError}</div>}
      {settings && !live && (
        <SignIn
          settings={settings}
          onSignedIn={setSession}
          {...(session && expired(session) ? { notice: t.tokenExpired } : {})}
        />
      )}
      {settings &&
        live &&
        path.startsWith('/explorer') &&
        (settings.explorer ? (
          <Suspense fallback={<p className="muted">{t.loading}</p>}>
            <Explorer session={live} />
          </Suspense>
        ) : (
          <div className="error">{t.explorerDisabled}</div>
        ))}
      {settings && live && !path.startsWith('/explorer') && <Dashboard session={live} />}
    </LanguageContext.Provider>
  );
}
