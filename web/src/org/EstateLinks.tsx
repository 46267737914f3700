import { FileSearchOutlined, NotificationOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';

/** An estate's own pages from the organisation page: its survey (调查摸底, issue 18), public board and QR poster. */
export function EstateLinks({ estateId }: { estateId: number }) {
  const navigate = useNavigate();
  const { can } = useSession();
  return (
    <>
      {can('governance.read') && (
        <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/estates/${estateId}/survey`)} data-testid="estate-survey">
          调查摸底
        </Button>
      )}
      <Button
        icon={<NotificationOutlined />}
        href={`/public/estates/${estateId}`}
        target="_blank"
        rel="noopener"
        data-testid="estate-public-page"
      >
        公告栏
      </Button>
      <Button
        icon={<QrcodeOutlined />}
        href={`/api/public/estates/${estateId}/poster`}
        target="_blank"
        rel="noopener"
        data-testid="estate-poster"
      >
        二维码海报
      </Button>
    </>
  );
}
