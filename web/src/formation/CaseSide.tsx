import { FlagOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space, Timeline } from 'antd';
import { formatDateZh } from '../../../core/dates';
import { formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { CALENDAR_WARNING } from './CaseParts';
import type { FormationCase } from './types';

const when = (at: string) => (at.length > 10 ? formatTime(at) : formatDateZh(at));

/** The case's side column: the next step, who acts and by when; the record of what was done. */
export function CaseSide({ c }: { c: FormationCase }) {
  const mobile = useIsMobile();
  const nextLate = c.next?.due ? c.next.due < c.today : false;
  const uncovered =
    (c.state === 'nominating' && c.announcement?.calendarComplete === false) ||
    (c.state === 'publicizing' && c.listNotice?.calendarComplete === false);
  return (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      <Card size="small" title="下一步" data-testid="case-next">
        {c.next ? (
          <div>
            <div style={{ fontWeight: 600 }} data-testid="case-next-label">
              <FlagOutlined style={{ marginRight: 6 }} />
              {c.next.label}
            </div>
            <div className="muted" style={{ marginTop: 4 }} data-testid="case-next-actor">
              待{c.next.actor}办理
            </div>
            {c.next.due && (
              <div className={nextLate ? 'case-overdue' : undefined} style={{ marginTop: 4 }} data-testid="case-next-due">
                {nextLate ? '已逾期，期限为' : '期限：'}
                {formatDateZh(c.next.due)}
              </div>
            )}
            {uncovered && (
              <Alert type="warning" showIcon style={{ marginTop: 8 }} title={CALENDAR_WARNING} data-testid="case-calendar-warning" />
            )}
          </div>
        ) : (
          <span className="muted">{c.state === 'cancelled' ? '组建已终止' : '组建已完成'}</span>
        )}
      </Card>
      <Card size="small" title="办理记录" data-testid="case-timeline">
        {c.timeline.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        ) : (
          <Timeline
            items={[...c.timeline].reverse().map((t, i) => ({
              key: `${t.at}-${i}`,
              title: (
                <span className="muted" style={{ fontSize: 12 }}>
                  {when(t.at)}
                </span>
              ),
              content: (
                <span>
                  {t.label}
                  {t.actor && <span className="muted">（{t.actor}）</span>}
                </span>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
