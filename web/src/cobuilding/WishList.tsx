import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { showError, toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { RaiseOptions } from '../tickets/types';
import type { Wish } from './types';
import { PostWishModal, WishStepModal } from './WishModals';

/** 微心愿: post (a resident), review (the community), claim (a party member, volunteer or company), fulfil. */
export function WishList() {
  const { me } = useSession();
  const owner = !!me?.roles.some((r) => r.role === 'owner');
  const { data, reload } = useApi<{ items: Wish[] }>('/api/wishes');
  const { data: opts } = useApi<RaiseOptions>(owner ? '/api/tickets/raise-options' : null);
  const [posting, setPosting] = useState(false);
  const [step, setStep] = useState<{ wish: Wish; step: 'review' | 'fulfil' } | null>(null);
  const claim = async (w: Wish) => {
    try {
      await api.post(`/api/wishes/${w.id}/claim`);
      toast('success', '已认领');
      reload();
    } catch (e) {
      showError(e);
    }
  };
  const done = () => {
    toast('success', '已保存');
    reload();
  };
  return (
    <Card
      title="微心愿"
      style={{ marginBottom: 16 }}
      extra={
        owner && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="wish-post">
            提出微心愿
          </Button>
        )
      }
    >
      {data?.items.length === 0 && <Empty description="暂无微心愿" />}
      <List
        dataSource={data?.items ?? []}
        renderItem={(w) => (
          <List.Item
            data-testid={`wish-${w.id}`}
            actions={w.actions.map((a) =>
              a === 'claim' ? (
                <Button key={a} type="primary" onClick={() => void claim(w)} data-testid={`wish-claim-${w.id}`}>
                  认领
                </Button>
              ) : (
                <Button key={a} type="primary" onClick={() => setStep({ wish: w, step: a })} data-testid={`wish-${a}-${w.id}`}>
                  {a === 'review' ? '审核' : '登记完成'}
                </Button>
              ),
            )}
          >
            <List.Item.Meta
              title={
                <>
                  {w.title} <Tag data-testid={`wish-state-${w.id}`}>{w.stateLabel}</Tag>
                  {w.mine && <Tag color="blue">我提出的</Tag>}
                </>
              }
              description={[
                w.estateName,
                w.content,
                w.claimer && `认领：${w.claimer}`,
                w.fulfilNote && `完成：${w.fulfilNote}`,
                w.reviewNote,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
      {posting && (
        <PostWishModal
          estates={opts?.estates ?? []}
          onClose={() => setPosting(false)}
          onSaved={() => {
            toast('success', '已提交，等待社区审核');
            reload();
          }}
        />
      )}
      {step && <WishStepModal wish={step.wish} step={step.step} onClose={() => setStep(null)} onSaved={done} />}
    </Card>
  );
}
