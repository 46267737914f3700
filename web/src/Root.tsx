import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { FullPageSpin, isOwnerOnly, SessionProvider, useSession } from './auth/session';
import { isOwnerPath } from './owner/paths';

/**
 * The entry (issue 19): which code a page loads. The public board, the login page and the owner's
 * pages are plain React with their own small styles; the staff app (antd, ECharts…) is loaded only
 * for staff pages. An owner on a mobile network downloads a fraction of the staff bundle.
 */
const PublicEstatePage = lazy(() => import('./public/PublicEstatePage'));
const LoginPage = lazy(() => import('./auth/LoginPage'));
const OwnerApp = lazy(() => import('./owner/OwnerApp'));
const StaffApp = lazy(() => import('./App'));

function Gate() {
  const { me } = useSession();
  const location = useLocation();
  if (location.pathname === '/login') return <LoginPage />;
  if (!me) {
    // After an expired session, come back to the same page once logged in again (as RequireAuth does).
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (isOwnerOnly(me) && !me.mustChangePassword && isOwnerPath(location.pathname)) return <OwnerApp />;
  return <StaffApp />;
}

export default function Root() {
  return (
    <BrowserRouter>
      <Suspense fallback={<FullPageSpin />}>
        <Routes>
          {/* Public pages (owners scan a QR code): no login, no app shell, no session check. */}
          <Route path="/public/estates/:id" element={<PublicEstatePage />} />
          <Route
            path="*"
            element={
              <SessionProvider>
                <Gate />
              </SessionProvider>
            }
          />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
