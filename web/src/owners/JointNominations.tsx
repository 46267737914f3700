import { Button, Card, List, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';

interface Item {
  caseId: number;
  nominationId: number;
  estateName: string;
  candidate: string;
  occupation: string | null;
  statement: string | null;
  announcementEnd: string | null;
  signers: number;
  signedByMe: boolean;
}

/**
 * R28: joint nominations being collected in the owner's estates. An owner signs once; the count
 * is of owners (co-owners of one unit and an owner of several units count once).
 */
export function JointNominations() {
  const [items, setItems] = useState<Item[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const load = () => api.get<{ items: Item[] }>('/api/me/joint-nominations').then((r) => setItems(r.items), showError);
  useEffect(() => {
    void load();
  }, []);
  if (items.length === 0) return null;
  async function sign(i: Item) {
    setBusy(i.nominationId);
    try {
      await api.post(`/api/formation/cases/${i.caseId}/nominations/${i.nominationId}/sign`);
      toast('success', `已在推荐${i.candidate}的联名上签名`);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }
  return (
    <Card size="small" title="物管会委员业主联名推荐（R28）" style={{ marginBottom: 12 }} data-testid="joint-nominations">
      <List
        dataSource={items}
        renderItem={(i) => (
          <List.Item
            actions={[
              i.signedByMe ? (
                <Tag color="green" key="done">
                  已签名
                </Tag>
              ) : (
                <Button
                  key="sign"
                  type="primary"
                  size="small"
                  loading={busy === i.nominationId}
                  onClick={() => void sign(i)}
                  data-testid={`joint-sign-${i.nominationId}`}
                >
                  联名
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={`${i.estateName}：推荐 ${i.candidate}${i.occupation ? `（${i.occupation}）` : ''}`}
              description={`已有 ${i.signers} 位业主联名，需十名以上本小区业主${i.announcementEnd ? `；报名至${formatDateZh(i.announcementEnd)}` : ''}${i.statement ? `。${i.statement}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
