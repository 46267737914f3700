import { Alert, Col, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../shared/useApi';
import { toast } from '../shared/feedback';
import { IncomeModal } from './IncomeModal';
import { ItemCard } from './ItemCard';
import { ItemModal } from './ItemModal';
import { AnswerModal, HideModal } from './QuestionModals';
import type { Question, StaffBoard } from './types';

type Open = { kind: 'edit'; key: string } | { kind: 'answer' | 'hide'; q: Question } | null;

/** 十公开 of one estate for the responsible parties and staff: fill and renew items, answer questions, hide abusive ones. */
export default function EstateBoardPage() {
  const estateId = Number(useParams().estateId);
  const board = useApi<StaffBoard>(`/api/estates/${estateId}/disclosures`);
  const [open, setOpen] = useState<Open>(null);
  const done = (text: string) => () => {
    setOpen(null);
    toast('success', text);
    board.reload();
  };
  if (board.error) return <Alert type="error" showIcon title={board.error} />;
  if (!board.data) return <Spin />;
  const b = board.data;
  const editing = open?.kind === 'edit' ? b.items.find((i) => i.key === open.key) : undefined;
  const count = (s: string) => b.items.filter((i) => i.status === s).length;
  return (
    <div data-testid="estate-board-page">
      <Space wrap align="baseline">
        <Typography.Title level={4}>{b.estate.name} · 十公开</Typography.Title>
        <Link to={`/public/estates/${estateId}#disclosures`} target="_blank" data-testid="public-link">
          查看公开页
        </Link>
      </Space>
      <Alert
        type={count('stale') + count('missing') ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="board-summary"
        title={`已更新 ${count('current')} 项，待更新 ${count('stale')} 项，未公开 ${count('missing')} 项`}
      />
      <Row gutter={[12, 12]}>
        {b.items.map((i) => (
          <Col key={i.key} xs={24} lg={12}>
            <ItemCard
              i={i}
              canModerate={b.canModerate}
              onEdit={() => setOpen({ kind: 'edit', key: i.key })}
              onAnswer={(q) => setOpen({ kind: 'answer', q })}
              onHide={(q) => setOpen({ kind: 'hide', q })}
            />
          </Col>
        ))}
      </Row>
      {editing && editing.key === 'publicIncome' && (
        <IncomeModal estateId={estateId} item={editing} onClose={() => setOpen(null)} onDone={done('已发布新版本')} />
      )}
      {editing && editing.key !== 'publicIncome' && (
        <ItemModal estateId={estateId} item={editing} onClose={() => setOpen(null)} onDone={done('已发布新版本')} />
      )}
      {open?.kind === 'answer' && <AnswerModal q={open.q} onClose={() => setOpen(null)} onDone={done('已答复，已公开')} />}
      {open?.kind === 'hide' && <HideModal q={open.q} onClose={() => setOpen(null)} onDone={done('已隐藏')} />}
    </div>
  );
}
