import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Api, ApiError } from './api/client';

export interface Permission {
  id: string;
  read: boolean;
  write: boolean;
}

export interface Token {
  token: string;
  username: string;
  fullname: string;
  role: string;
  timeout: number;
  default_password?: boolean;
  global_permissions?: Permission[];
}

export interface LoginAnswer {
  token: Token;
  password_days_until_expire?: number;
  need_to_reset_password?: boolean;
}

export interface Session {
  api: Api;
  user: Token;
  /** Whether the user may change what a permission covers (admin, or the permission with write). */
  canWrite: (permission: string) => boolean;
  logout: (reason?: string) => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a session');
  return session;
}

export function useApi(): Api {
  return useSession().api;
}

const STORE = 'bulwark.session';
/** Keep-alive calls are sent at most this often while the user works. */
const KEEPALIVE_MS = 30_000;

export function storedToken(): Token | null {
  try {
    const text = sessionStorage.getItem(STORE);
    return text ? (JSON.parse(text) as Token) : null;
  } catch {
    return null;
  }
}

export function storeToken(token: Token | null): void {
  if (token) sessionStorage.setItem(STORE, JSON.stringify(token));
  else sessionStorage.removeItem(STORE);
}

/**
 * A logged-in session: the API with its token, the idle timeout the controller gave the user (the session ends
 * after that long without keyboard, pointer or API activity), and logout.
 */
export function SessionProvider({
  token,
  onEnd,
  children,
}: {
  token: Token;
  onEnd: (reason?: string) => void;
  children: ReactNode;
}) {
  const lastActivity = useRef(Date.now());
  const lastKeepAlive = useRef(Date.now());
  const ended = useRef(false);
  const [api] = useState(
    () =>
      new Api(token.token, {
        onUnauthorized: () => end('Your session has ended; log in again.'),
        onActivity: () => (lastActivity.current = Date.now()),
      }),
  );

  const end = useCallback(
    (reason?: string) => {
      if (ended.current) return;
      ended.current = true;
      storeToken(null);
      onEnd(reason);
    },
    [onEnd],
  );

  const logout = useCallback(
    (reason?: string) => {
      api.delete('/v1/auth').catch(() => undefined);
      end(reason);
    },
    [api, end],
  );

  useEffect(() => {
    const timeoutMs = Math.max(30, token.timeout || 300) * 1000;
    const touch = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastKeepAlive.current > KEEPALIVE_MS) {
        lastKeepAlive.current = now;
        api.patch('/v1/auth').catch((e) => {
          if (!(e instanceof ApiError) || e.status !== 401) return;
        });
      }
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > timeoutMs) logout('Your session timed out after inactivity.');
    }, 5_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch));
      window.clearInterval(timer);
    };
  }, [api, token.timeout, logout]);

  const value = useMemo<Session>(
    () => ({
      api,
      user: token,
      logout,
      canWrite: (permission) =>
        token.role === 'admin' ||
        (token.global_permissions ?? []).some((p) => (p.id === permission || p.id === '*') && p.write),
    }),
    [api, token, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Provides a session around components under test. */
export function TestSession({ api, children, role = 'admin' }: { api: Api; children: ReactNode; role?: string }) {
  const user: Token = { token: 't', username: 'admin', fullname: 'admin', role, timeout: 300 };
  return (
    <SessionContext.Provider value={{ api, user, logout: () => undefined, canWrite: () => role === 'admin' }}>
      {children}
    </SessionContext.Provider>
  );
}
