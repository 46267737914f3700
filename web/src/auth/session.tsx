import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isStaffRole, type Permission, type Role } from '../../../core/access';
import { api, errorMessage, isApiError, onUnauthorized, setCsrfToken } from '../api';
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
    // Plain markup: the session loads before any page, and the owner's and public pages carry no antd (issue 19).
    return (
      <div className="plain-result" role="alert">
        <h1>无法连接服务器</h1>
        <p>{state.message}</p>
        <button
          type="button"
          className="plain-button"
          onClick={() => {
            setState({ status: 'loading' });
            void refresh();
          }}
        >
          重试
        </button>
      </div>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** A spinner without antd (the first thing every page shows while its code or data loads). */
export function FullPageSpin() {
  return (
    <div className="plain-spin" role="status" aria-label="正在加载">
      <span className="plain-spin-dot" />
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

/**
 * Where each role lands after logging in: on its work, with real content (issue 13). A user with
 * several roles lands by the widest one.
 * - 区级管理员: the working-day calendar, the one thing only the district keeps (and whose yearly
 *   reminder is theirs to act on); everything else they read.
 * - 街道管理员, 党群办, 区职能部门, 社区工作人员: 小区治理与组建 (until dashboards exist).
 * - 网格员: the owner roll of his grid's estate (the roll page opens the first one).
 * - 物管会主任/委员: their estate's owners' decisions.
 * - 物业企业人员: their company's page, with the estates it serves and its staff.
 * - 业主: their home on the phone (issue 19), without staff pages or menus.
 */
export function homePath(me: Me): string {
  const at = (role: Role) => me.roles.find((r) => r.role === role);
  // Issue 18: the district, the street and the community land on the overview of their scope.
  if (at('districtAdmin') || at('streetAdmin') || at('partyOffice') || at('communityStaff')) return '/overview';
  // a department's work on the platform is the tasks the streets' joint meetings give it (issue 17);
  // its streets' overview, side by side, is in the menu
  if (at('districtDepartment')) return '/coordination?tab=tasks';
  if (at('gridWorker')) return '/roll';
  if (at('committeeDirector') || at('committeeMember')) return '/decisions';
  const company = at('propertyStaff');
  if (company) return `/companies/${company.nodeId}`;
  if (at('owner')) return '/home';
  if (me.permissions.includes('org.read')) return '/org';
  // The working-day calendar is open to every logged-in user.
  return '/calendar';
}

/** An account that holds only owner roles: it gets the owner's pages (issue 19), never the staff shell's menus. */
export const isOwnerOnly = (me: Me) => me.roles.length > 0 && me.roles.every((r) => !isStaffRole(r.role));
