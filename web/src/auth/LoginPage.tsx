import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api';
import { homePath, useSession } from './session';
import './auth.css';

/** A `next` that stays on this site. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

/**
 * The login page, plain HTML and a little CSS (issue 19): owners arrive here on a phone, often on a
 * mobile network, and staff and owners share it; neither waits for the staff app's code to log in.
 */
export default function LoginPage() {
  const { me, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ login?: string; password?: string }>({});

  if (me) return <Navigate to={me.mustChangePassword ? '/change-password' : (safeNext(params.get('next')) ?? homePath(me))} replace />;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get('login') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const problems = { login: name ? undefined : '请输入用户名或手机号', password: password ? undefined : '请输入密码' };
    setMissing(problems);
    if (problems.login || problems.password) return;
    setSubmitting(true);
    setError(null);
    try {
      const next = await login(name, password);
      navigate(next.mustChangePassword ? '/change-password' : (safeNext(params.get('next')) ?? homePath(next)), { replace: true });
    } catch (err) {
      setError(isApiError(err) ? err.message : '登录失败，请稍后重试');
      setSubmitting(false);
    }
  }

  return (
    <div className="auth-page">
      <div className="auth-brand">
        <div className="auth-logo">共治</div>
        <div className="auth-subtitle">物业管理委员会组建运行平台</div>
      </div>
      <main className="auth-card">
        <h1 className="auth-title">账号登录</h1>
        {error && (
          <div className="auth-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate autoComplete="on">
          <label className="auth-field">
            <span>用户名或手机号</span>
            <input
              name="login"
              autoComplete="username"
              autoFocus
              maxLength={64}
              aria-invalid={Boolean(missing.login)}
              data-testid="login-username"
            />
            {missing.login && <em role="alert">{missing.login}</em>}
          </label>
          <label className="auth-field">
            <span>密码</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={128}
              aria-invalid={Boolean(missing.password)}
              data-testid="login-password"
            />
            {missing.password && <em role="alert">{missing.password}</em>}
          </label>
          <button type="submit" className="auth-submit" disabled={submitting} data-testid="login-submit">
            {submitting ? '正在登录…' : '登录'}
          </button>
        </form>
      </main>
      <div className="auth-footer">忘记密码请联系所在街道的平台管理员重置；业主也可请社区工作人员协助</div>
    </div>
  );
}
