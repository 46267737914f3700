import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { OwnerLayout } from './OwnerLayout';
import { Loading } from './ui';
import './owner.css';

const HomePage = lazy(() => import('./HomePage'));
const VotePage = lazy(() => import('./VotePage'));
const MessagesPage = lazy(() => import('./MessagesPage'));

/** The owner's pages on the phone (issue 19): home, voting, messages and settings — no staff menus. */
export default function OwnerApp() {
  return (
    <OwnerLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to="/home" replace />} />
          <Route path="/home" element={<HomePage />} />
          <Route path="/vote/:id?" element={<VotePage />} />
          <Route path="/messages" element={<MessagesPage />} />
          <Route path="/settings" element={<Navigate to="/messages#settings" replace />} />
        </Routes>
      </Suspense>
    </OwnerLayout>
  );
}
