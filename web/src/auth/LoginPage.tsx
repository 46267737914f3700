import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../shared/feedback';
import { homePath, useSession } from './session';
import './auth.css';

interface LoginForm {
  login: string;
  password: string;
}

/** A `next` that stays on this site. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export default function LoginPage() {
  const { me, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (me) return <Navigate to={me.mustChangePassword ? '/change-password' : (safeNext(params.get('next')) ?? homePath(me))} replace />;

  async function onFinish(values: LoginForm) {
    setSubmitting(true);
    setError(null);
    try {
      const next = await login(values.login.trim(), values.password);
      navigate(next.mustChangePassword ? '/change-password' : (safeNext(params.get('next')) ?? homePath(next)), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  }

  return (
    <div className="auth-page">
      <div className="auth-brand">
        <div className="auth-logo">共治</div>
        <div className="auth-subtitle">物业管理委员会组建运行平台</div>
      </div>
      <Card className="auth-card">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20, textAlign: 'center' }}>
          账号登录
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="login" label="用户名或手机号" rules={[{ required: true, whitespace: true, message: '请输入用户名或手机号' }]}>
            <Input
              prefix={<UserOutlined />}
              placeholder="用户名或手机号"
              autoComplete="username"
              autoFocus
              maxLength={64}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder="密码"
              autoComplete="current-password"
              maxLength={128}
              data-testid="login-password"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <div className="auth-footer">忘记密码请联系所在街道的平台管理员重置</div>
    </div>
  );
}
