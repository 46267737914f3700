import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useSession } from '../auth/session';
import { applyLargeText, storedLargeText } from './largeText';

/** Large text on or off: applied at once, remembered on the device and on the account. */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(storedLargeText);
  const set = (next: boolean) => {
    setOn(next);
    applyLargeText(next);
    void api.put('/api/my/settings', { largeText: next }).catch(() => undefined);
  };
  useEffect(() => {
    // the account's setting wins (a new phone, a cleared browser): read after the page is up
    let live = true;
    api.get<{ largeText: boolean }>('/api/my/settings').then(
      (s) => {
        if (!live || s.largeText === storedLargeText()) return;
        setOn(s.largeText);
        applyLargeText(s.largeText);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return [on, set];
}

/** The frame of the owner's pages: who is logged in, the three places they go, large text, logging out. */
export function OwnerLayout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const [large, setLarge] = useLargeText();
  return (
    <div className="o-app">
      <header className="o-header">
        <Link to="/home" className="o-brand" aria-label="共治 · 我的首页">
          共治
        </Link>
        <span className="o-user" data-testid="user-name">
          {me?.displayName}
        </span>
        <button type="button" className="o-toggle" aria-pressed={large} onClick={() => setLarge(!large)} data-testid="large-text-toggle">
          {large ? '标准字' : '大字'}
        </button>
      </header>
      <nav className="o-nav" aria-label="业主导航">
        <NavLink to="/home" data-testid="owner-nav-home">
          首页
        </NavLink>
        <NavLink to="/vote" data-testid="owner-nav-vote">
          表决
        </NavLink>
        <NavLink to="/messages" data-testid="owner-nav-messages">
          消息
        </NavLink>
        <button type="button" onClick={() => void logout().then(() => navigate('/login', { replace: true }))} data-testid="logout">
          退出
        </button>
      </nav>
      <main className="o-main">{children}</main>
    </div>
  );
}
