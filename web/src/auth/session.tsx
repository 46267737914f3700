import { Button, Result, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../../core/access';
import { api, isApiError, onUnauthorized, setCsrfToken } from '../api';
import { errorMessage } from '../shared/feedback';
import { setServerToday } from '../shared/format';
import type { Me } from './types';

interface SessionValue {
  me: Me | null;
  /** true after the user logged out themselves (not after the session expired) */
  loggedOut: boolean;
  login(login: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<Me | null>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

type State = { status: 'loading' } | { status: 'ready'; me: Me | null; loggedOut?: boolean } | { status: 'error'; message: string };

/** Who is logged in: loaded once from /api/auth/me, cleared on logout or on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const setMe = useCallback((me: Me | null, loggedOut = false) => {
    setCsrfToken(me?.csrfToken ?? null);
    if (me) setServerToday(me.today);
    setState({ status: 'ready', me, loggedOut });
  }, []);

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/auth/me');
      setMe(me);
      return me;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setMe(null);
        return null;
      }
      setState({ status: 'error', message: errorMessage(e) });
      return null;
    }
  }, [setMe]);

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    void refresh();
    return () => onUnauthorized(null);
  }, [refresh, setMe]);

  const value = useMemo<SessionValue>(() => {
    const me = state.status === 'ready' ? state.me : null;
    return {
      me,
      loggedOut: state.status === 'ready' && !!state.loggedOut,
      refresh,
      async login(login, password) {
        const next = await api.post<Me>('/api/auth/login', { login, password });
        setMe(next);
        return next;
      },
      async logout() {
        try {
          await api.post('/api/auth/logout');
        } finally {
          setMe(null, true);
        }
      },
      can: (permission) => !!me?.permissions.includes(permission),
    };
  }, [state, refresh, setMe]);

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={state.message}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setState({ status: 'loading' });
              void refresh();
            }}
          >
            重试
          </Button>
        }
      />
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Only for a logged-in user; one who must change their password goes there first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loggedOut } = useSession();
  const location = useLocation();
  if (!me) {
    // After an expired session, come back to the same page once logged in again.
    const next = location.pathname + location.search;
    return <Navigate to={!loggedOut && next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** A page that needs a permission: a clear 无权访问 rather than an empty page of 403s. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) return <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限，如有需要请联系街道管理员。" />;
  return <>{children}</>;
}

/** Where a user lands after logging in: the first page their permissions allow. */
export function homePath(me: Me): string {
  if (me.permissions.includes('org.read')) return '/org';
  if (me.permissions.includes('account.manage')) return '/accounts';
  if (me.permissions.includes('audit.read')) return '/audit';
  // The working-day calendar is open to every logged-in user.
  return '/calendar';
}
