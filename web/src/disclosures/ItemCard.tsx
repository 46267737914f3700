import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { IncomeTable } from '../public/PublicDisclosureItem';
import '../public/public.css';
import { STATUS_COLOR, type Question, type StaffBoard } from './types';

type Item = StaffBoard['items'][number];

/** One item on the editor's board: state, current content, what the caller may do, and the questions on it. */
export function ItemCard({
  i,
  canModerate,
  onEdit,
  onAnswer,
  onHide,
}: {
  i: Item;
  canModerate: boolean;
  onEdit(): void;
  onAnswer(q: Question): void;
  onHide(q: Question): void;
}) {
  return (
    <Card
      size="small"
      data-testid={`item-${i.key}`}
      title={
        <Space wrap>
          {i.item}
          <Tag color={STATUS_COLOR[i.status]} data-testid={`item-status-${i.key}`}>
            {i.statusLabel}
          </Tag>
          {i.source === 'registry' && <Tag>平台登记信息</Tag>}
        </Space>
      }
      extra={
        i.canEdit && (
          <Button size="small" type={i.status === 'current' ? 'default' : 'primary'} onClick={onEdit} data-testid={`edit-${i.key}`}>
            {i.status === 'missing' ? '填写' : '更新'}
          </Button>
        )
      }
    >
      <Typography.Text type="secondary">
        {i.updatedOn ? `${i.version ? `第${i.version}版，` : ''}更新于 ${i.updatedOn}` : '尚未公开'} · {i.responsible}负责 · {i.renewal}
        {i.dueOn ? ` · 应于 ${i.dueOn} 前更新` : ''}
      </Typography.Text>
      {i.dueWarning && <Alert type="warning" showIcon title={i.dueWarning} style={{ marginTop: 6 }} />}
      {i.phone && <div style={{ fontSize: 18, fontWeight: 600 }}>{i.phone}</div>}
      {i.body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 6 }} ellipsis={{ rows: 3, expandable: true }}>
          {i.body}
        </Typography.Paragraph>
      )}
      {i.entries && (
        <div style={{ marginTop: 6 }}>
          {i.entries.map((e, k) => (
            <Tag key={k} color={e.suspended ? 'red' : undefined}>
              {e.name}（{e.post}）{e.suspended ? ' 暂停履职' : ''}
            </Tag>
          ))}
        </div>
      )}
      {i.income && <IncomeTable income={i.income} />}
      {i.files.map((f) => (
        <div key={f.id}>
          <a href={`/api/public/disclosure-files/${f.id}`} target="_blank" rel="noopener">
            {f.name}
          </a>
        </div>
      ))}
      {i.questions.map((q) => (
        <div key={q.id} style={{ borderTop: '1px dashed #eee', marginTop: 8, paddingTop: 6 }} data-testid={`staff-question-${q.id}`}>
          {q.hidden ? (
            <Typography.Text type="secondary">已隐藏：{q.hiddenReason}</Typography.Text>
          ) : (
            <>
              <div>
                质询（{q.askedOn}）{q.overdue && <Tag color="red">逾期</Tag>}：{q.question}
              </div>
              {q.answer ? (
                <div>
                  答复（{q.answeredOn}）：{q.answer}
                </div>
              ) : (
                <Space>
                  <Typography.Text type="warning">应于 {q.dueOn} 前答复</Typography.Text>
                  {i.canAnswer && (
                    <Button size="small" type="primary" onClick={() => onAnswer(q)} data-testid={`answer-${q.id}`}>
                      答复
                    </Button>
                  )}
                </Space>
              )}
              {canModerate && (
                <Button size="small" type="link" danger onClick={() => onHide(q)} data-testid={`hide-${q.id}`}>
                  隐藏
                </Button>
              )}
            </>
          )}
        </div>
      ))}
    </Card>
  );
}
