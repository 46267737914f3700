import { Button, Card, List, Tag } from 'antd';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useApi } from '../shared/useApi';
import { SHIFT_COLOR, type Shift } from './types';

/** 我的值班: check in and out on the phone. */
export function MyDuties() {
  const { data, reload } = useApi<{ items: Shift[] }>('/api/duties/mine');
  if (!data || data.items.length === 0) return null;
  const step = async (s: Shift, which: 'in' | 'out') => {
    try {
      await api.post(`/api/duties/${s.id}/check-${which}`);
      toast('success', which === 'in' ? '已签到' : '已签退');
      reload();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card title="我的值班" style={{ marginBottom: 16 }} data-testid="my-duties">
      <List
        dataSource={data.items}
        renderItem={(s) => (
          <List.Item
            actions={[
              !s.checkedInAt && s.status !== 'missed' && (
                <Button key="in" type="primary" onClick={() => void step(s, 'in')} data-testid={`duty-in-${s.id}`}>
                  签到
                </Button>
              ),
              s.checkedInAt && !s.checkedOutAt && (
                <Button key="out" onClick={() => void step(s, 'out')} data-testid={`duty-out-${s.id}`}>
                  签退
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <>
                  {s.station} <Tag color={SHIFT_COLOR[s.status]}>{s.label}</Tag>
                </>
              }
              description={`${formatTime(s.startsAt).slice(0, 16)} – ${formatTime(s.endsAt).slice(11, 16)} · ${s.place}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
