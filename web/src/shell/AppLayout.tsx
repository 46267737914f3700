import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABEL } from '../../../core/access';
import { FullPageSpin, isOwnerOnly, useSession } from '../auth/session';
import type { Me } from '../auth/types';
import { showError } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { NotificationBell } from '../notifications/NotificationBell';
import { NAV_ITEMS, navVisible } from './navigation';
import './shell.css';

const { Header, Sider, Content } = Layout;

function roleText(r: Me['roles'][number]) {
  return `${ROLE_LABEL[r.role]}${r.nodeName ? ` · ${r.nodeName}` : ''}`;
}

/** The frame of every logged-in page: side menu by permission, header with the user. */
export default function AppLayout() {
  const { me, can, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);

  if (!me) return null;
  const items = NAV_ITEMS.filter((i) => navVisible(i, can, isOwnerOnly(me)));
  const selected = items.find((i) => i.match.test(location.pathname))?.key;
  const menuItems: MenuProps['items'] = items.map((i) => ({
    key: i.key,
    icon: i.icon,
    label: (
      <Link to={i.path} data-testid={`nav-${i.key}`}>
        {i.label}
      </Link>
    ),
  }));

  async function doLogout() {
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (e) {
      showError(e);
    }
  }

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected] : []}
      onClick={() => setDrawerOpen(false)}
      className="shell-menu"
    />
  );
  const brand = (
    <Link to="/" className="shell-brand" onClick={() => setDrawerOpen(false)}>
      <span className="shell-brand-logo">共治</span>
      {!mobile && <span className="shell-brand-sub">物业管理委员会组建运行平台</span>}
    </Link>
  );

  return (
    <Layout className="shell">
      <Header className="shell-header">
        {mobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="打开导航菜单"
            onClick={() => setDrawerOpen(true)}
            data-testid="nav-toggle"
            className="shell-toggle"
          />
        )}
        {brand}
        <div className="shell-header-spacer" />
        <NotificationBell />
        {mobile ? (
          <span className="shell-user-short" data-testid="user-name">
            <UserOutlined /> {me.displayName}
          </span>
        ) : (
          <div className="shell-user">
            <span className="shell-user-name" data-testid="user-name">
              <UserOutlined /> {me.displayName}
            </span>
            <span className="shell-user-roles" data-testid="user-roles">
              {me.roles.map((r) => (
                <Tag key={`${r.role}:${r.nodeId}`} color="red" variant="outlined">
                  {roleText(r)}
                </Tag>
              ))}
            </span>
            <Button type="text" icon={<KeyOutlined />} onClick={() => navigate('/change-password')} data-testid="change-password-link">
              修改密码
            </Button>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
              退出登录
            </Button>
          </div>
        )}
      </Header>
      <Layout>
        {!mobile && (
          <Sider width={200} theme="light" className="shell-sider">
            {menu}
          </Sider>
        )}
        <Content className="shell-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      {mobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={280}
          title="共治"
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          <div className="shell-drawer-user">
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <div className="shell-drawer-roles" data-testid="user-roles">
              {me.roles.map((r) => (
                <Tag key={`${r.role}:${r.nodeId}`} color="red" variant="outlined">
                  {roleText(r)}
                </Tag>
              ))}
            </div>
          </div>
          {menu}
          <div className="shell-drawer-actions">
            <Button
              block
              icon={<KeyOutlined />}
              onClick={() => {
                setDrawerOpen(false);
                navigate('/change-password');
              }}
              data-testid="change-password-link"
            >
              修改密码
            </Button>
            <Button block danger icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
              退出登录
            </Button>
          </div>
        </Drawer>
      )}
    </Layout>
  );
}
