/**
 * The signed-in session: the token and the declared purpose, in sessionStorage only (gone when
 * the tab closes; never localStorage, which would keep a bearer token on disk for other tabs).
 */
const TOKEN = 'gnbv.token';
const PURPOSE = 'gnbv.purpose';

export interface Claims {
  sub?: string;
  agency?: string;
  roles?: string[] | string;
  scope?: string[] | string;
  purpose?: string;
  exp?: number;
  iss?: string;
}

export interface Session {
  token: string;
  purpose: string | null;
  claims: Claims;
}

/** The payload of a JWT, unverified (the gateway verifies it): only to show who is signed in. */
export function decodeClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part || token.split('.').length !== 3) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const claims = decodeClaims(token);
  if (!claims) return null;
  return { token, purpose: sessionStorage.getItem(PURPOSE), claims };
}

export function saveSession(token: string, purpose: string | null): Session | null {
  const claims = decodeClaims(token);
  if (!claims) return null;
  sessionStorage.setItem(TOKEN, token);
  if (purpose) sessionStorage.setItem(PURPOSE, purpose);
  else sessionStorage.removeItem(PURPOSE);
  return { token, purpose, claims };
}

export function clearSession() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(PURPOSE);
}

export const expired = (s: Session) => typeof s.claims.exp === 'number' && s.claims.exp * 1000 < Date.now();

/** The headers every GraphQL request of this session carries. */
export function authHeaders(s: Session): Record<string, string> {
  return { authorization: `Bearer ${s.token}`, ...(s.purpose ? { 'x-purpose': s.purpose } : {}) };
}
