import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { showFormError, toast } from '../shared/feedback';
import { homePath, useSession } from './session';
import { passwordProblem } from './types';
import './auth.css';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changing one's own password; forced after the first login or a reset. */
export default function ChangePasswordPage() {
  const { me, refresh, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const forced = !!me?.mustChangePassword;

  async function onFinish(values: PasswordForm) {
    setSubmitting(true);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      toast('success', '密码已修改');
      const next = await refresh();
      navigate(next ? homePath(next) : '/login', { replace: true });
    } catch (e) {
      showFormError(form, e);
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
        <Typography.Title level={4} style={{ marginTop: 0, textAlign: 'center' }}>
          修改密码
        </Typography.Title>
        {me && (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            当前账号：{me.displayName}（{me.username}）
          </Typography.Paragraph>
        )}
        {forced && (
          <Alert
            type="warning"
            showIcon
            title="首次登录或密码已被重置，请先设置新密码后再使用平台。"
            style={{ marginBottom: 16 }}
            data-testid="change-password-forced"
          />
        )}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={128} data-testid="change-password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少 8 位，包含字母、数字、符号中的至少两类"
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: (_r, v: string | undefined) => {
                  const p = v ? passwordProblem(v) : null;
                  return p ? Promise.reject(new Error(p)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="change-password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_r, v: string | undefined) =>
                  !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="change-password-confirm" />
          </Form.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="change-password-submit">
              确认修改
            </Button>
            {forced ? (
              <Button block type="text" onClick={() => void logout()} data-testid="change-password-logout">
                退出登录
              </Button>
            ) : (
              <Button
                block
                onClick={() => (location.key !== 'default' ? navigate(-1) : navigate('/'))}
                data-testid="change-password-cancel"
              >
                返回
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
