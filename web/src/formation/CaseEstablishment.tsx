import { FileWordOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table } from 'antd';
import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { useSession } from '../auth/session';
import { StepButton } from './CaseParts';
import { HandoverModal } from './HandoverModal';
import { SEAT_LABEL, type FormationCase, type Seat } from './types';

/** 成立与印章 (R31, R33, R34): the certificate, the seal, the term, dissolution and handover, the members. */
export function EstablishmentPanel({
  c,
  onEstablish,
  onSeal,
  onChanged,
}: {
  c: FormationCase;
  onEstablish(): void;
  onSeal(kind: 'apply' | 'record'): void;
  onChanged(): void;
}) {
  const { can } = useSession();
  const [handover, setHandover] = useState(false);
  const today = c.today;
  return (
    <Card size="small" title="成立与印章（R31）" data-testid="case-establish-panel">
      {c.committee ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
            items={[
              {
                key: 'cert',
                label: '成立证明',
                children: (
                  <Space wrap size={8}>
                    <span data-testid="case-certificate-no">{c.committee.certificateNo}</span>
                    <Button
                      size="small"
                      icon={<FileWordOutlined />}
                      href={`/api/formation/cases/${c.id}/certificate.docx`}
                      data-testid="case-certificate"
                    >
                      下载成立证明
                    </Button>
                  </Space>
                ),
              },
              { key: 'date', label: '成立日期', children: formatDateZh(c.committee.establishedOn) },
              {
                key: 'term',
                label: '任期（R33）',
                children: c.committee.termEnd ? (
                  <span className={c.committee.termEnd < today && !c.committee.dissolvedOn ? 'case-overdue' : undefined}>
                    至{formatDateZh(c.committee.termEnd)}
                    {c.committee.termEnd < today && !c.committee.dissolvedOn && '，已届满，请重新组建'}
                  </span>
                ) : (
                  '不设任期'
                ),
              },
              {
                key: 'sealApplied',
                label: '印章申请',
                children: c.committee.sealAppliedOn ? (
                  <span data-testid="case-seal-applied">{formatDateZh(c.committee.sealAppliedOn)}</span>
                ) : (
                  <span className="muted">未申请</span>
                ),
              },
              {
                key: 'sealRecorded',
                label: '印章备案',
                children: c.committee.sealRecordedOn ? (
                  <span data-testid="case-seal-recorded">{formatDateZh(c.committee.sealRecordedOn)}</span>
                ) : (
                  <span className="muted">未备案</span>
                ),
              },
            ]}
          />
          {!c.committee.dissolvedOn && (
            <Space wrap size={8} align="start">
              {!c.committee.sealAppliedOn && (
                <StepButton c={c} action="applySeal" type="primary" showReason testId="seal-apply" onClick={() => onSeal('apply')}>
                  登记印章申请
                </StepButton>
              )}
              {!c.committee.sealRecordedOn && (
                <StepButton c={c} action="recordSeal" showReason testId="seal-record" onClick={() => onSeal('record')}>
                  登记印章备案
                </StepButton>
              )}
            </Space>
          )}
          {c.committee.dissolvedOn && (
            <Alert
              type="info"
              showIcon
              data-testid="case-dissolved"
              title={`物管会已于${formatDateZh(c.committee.dissolvedOn)}停止履职（R34）`}
              description={
                <div>
                  <div>{c.committee.dissolutionReason}</div>
                  {c.committee.handover?.documentsOn ? (
                    <div data-testid="case-handover">
                      资料已于{formatDateZh(c.committee.handover.documentsOn)}移交
                      {c.committee.handover.sealOn ? `，印章已于${formatDateZh(c.committee.handover.sealOn)}移交` : ''}
                      {c.committee.handover.note ? `（${c.committee.handover.note}）` : ''}
                    </div>
                  ) : (
                    can('governance.manage') && (
                      <Button size="small" style={{ marginTop: 8 }} onClick={() => setHandover(true)} data-testid="case-handover-record">
                        登记资料、印章移交
                      </Button>
                    )
                  )}
                  {handover && (
                    <HandoverModal
                      c={c}
                      onClose={() => setHandover(false)}
                      onDone={() => {
                        setHandover(false);
                        onChanged();
                      }}
                    />
                  )}
                </div>
              }
            />
          )}
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            data-testid="case-committee-members"
            dataSource={c.committee.members}
            columns={[
              { title: '姓名', dataIndex: 'name', key: 'name' },
              { title: '职务', key: 'seat', render: (_: unknown, m) => SEAT_LABEL[m.seat as Seat] ?? m.seat },
              {
                title: '任职',
                key: 'ended',
                render: (_: unknown, m) => (m.endedOn ? <span className="muted">{formatDateZh(m.endedOn)}离任</span> : '在任'),
              },
            ]}
          />
        </Space>
      ) : (
        <Space orientation="vertical" size={8}>
          <span className="muted">名单公示期满且全部异议核查完毕后，由街道办事处核发成立证明。</span>
          <StepButton
            c={c}
            action="establish"
            type="primary"
            showReason
            icon={<SafetyCertificateOutlined />}
            testId="case-establish"
            onClick={onEstablish}
          >
            核发成立证明
          </StepButton>
        </Space>
      )}
    </Card>
  );
}
