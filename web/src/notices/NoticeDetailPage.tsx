import {
  ArrowLeftOutlined,
  AuditOutlined,
  DiffOutlined,
  EditOutlined,
  FileWordOutlined,
  MessageOutlined,
  PrinterOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, List, Result, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { NoticeAttachments } from './NoticeAttachments';
import { api, isApiError } from '../api';
import { useSession } from '../auth/session';
import { errorMessage, modal, showError, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { EditNoticeModal, ObjectionModal, PublishNoticeModal, VerifyObjectionModal } from './NoticeModals';
import { NoticeStateTag } from './NoticeStateTag';
import { CHANNEL_LABEL, OBJECTION_STATUS, type NoticeDetail, type Objection } from './types';
import './notices.css';

type Dialog = { kind: 'edit' } | { kind: 'publish' } | { kind: 'objection' } | { kind: 'verify'; objection: Objection } | null;

function ObjectionItem({ o, onVerify }: { o: Objection; onVerify(): void }) {
  const status = OBJECTION_STATUS[o.status];
  return (
    <List.Item key={o.id} data-testid={`objection-${o.id}`} className={o.overdue ? 'objection-overdue' : undefined}>
      <div className="objection">
        <div className="objection-head">
          <Space size={4} wrap>
            <strong>{o.objectorName}</strong>
            {o.objectorUnit && <span className="muted">{o.objectorUnit}</span>}
            <Tag>{CHANNEL_LABEL[o.channel]}</Tag>
            <Tag color={status.color} data-testid={`objection-status-${o.id}`}>
              {status.label}
            </Tag>
            {o.overdue && (
              <Tag color="error" icon={<WarningOutlined />} data-testid={`objection-overdue-${o.id}`}>
                核查已逾期
              </Tag>
            )}
          </Space>
          {o.actions.includes('verify') && (
            <Button type="primary" size="small" icon={<AuditOutlined />} onClick={onVerify} data-testid={`objection-verify-${o.id}`}>
              核查
            </Button>
          )}
        </div>
        <div className="objection-dates">
          <span>收到日期：{formatDateZh(o.receivedOn)}</span>
          <span className={o.overdue ? 'objection-due-overdue' : undefined} data-testid={`objection-due-${o.id}`}>
            核查期限：{formatDateZh(o.verifyDue)}
            {!o.verifyDueComplete && (
              <Tooltip title="期间涉及的年度节假日安排尚未录入，核查期限按周一至周五推算，录入后可能变化">
                <WarningOutlined style={{ color: '#d48806', marginLeft: 4 }} aria-label="日历未录入" />
              </Tooltip>
            )}
          </span>
        </div>
        <div className="notice-pre objection-content">{o.content}</div>
        {o.finding && (
          <div className="objection-finding" data-testid={`objection-finding-${o.id}`}>
            <strong>核查情况：</strong>
            <span className="notice-pre">{o.finding}</span>
            {o.resultNoticeId !== null && (
              <div>
                <Link to={`/notices/${o.resultNoticeId}`} data-testid={`objection-result-${o.id}`}>
                  查看核查结果公示
                </Link>
              </div>
            )}
          </div>
        )}
      </div>
    </List.Item>
  );
}

/** One notice: its publicity state and period, the buttons its `actions` allow, and its objections. */
export default function NoticeDetailPage() {
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { can } = useSession();
  const [detail, setDetail] = useState<NoticeDetail | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [correcting, setCorrecting] = useState(false);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setError(null);
    api.get<NoticeDetail>(`/api/notices/${id}`).then(
      (d) => live && setDetail(d),
      (e: unknown) => {
        if (!live) return;
        setDetail(null);
        setError({ status: isApiError(e) ? e.status : 0, message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (id === null || error?.status === 404)
    return (
      <Result
        status="404"
        title="公告不存在"
        subTitle={error?.message ?? '公告不存在或您无权查看'}
        extra={
          <Button onClick={() => navigate('/notices')} data-testid="notice-back">
            返回公告列表
          </Button>
        }
      />
    );
  if (error) return <Alert type="error" showIcon title="无法加载公告" description={error.message} data-testid="notice-error" />;
  if (!detail || detail.id !== id)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const n = detail;
  const actions = n.actions ?? [];
  const canDo = (a: string) => actions.includes(a);
  const staff = can('notice.manage') || can('objection.verify');
  // Staff enter paper objections; an owner files online.
  const paper = can('notice.manage');
  const openObjections = n.objections.filter((o) => o.status === 'open').length;
  const overdueObjections = n.objections.filter((o) => o.overdue).length;

  function correct() {
    modal().confirm({
      title: '起草更正公告？',
      content: '将以本公告的内容起草一份更正公告草稿。更正公告发布后取代本公告，两者均保留可见，本公告标记为“已被更正”。',
      okText: '起草更正公告',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      onOk: async () => {
        setCorrecting(true);
        try {
          const draft = await api.post<NoticeDetail>(`/api/notices/${n.id}/correction`);
          toast('success', '已起草更正公告，请修改后发布');
          navigate(`/notices/${draft.id}`);
        } catch (e) {
          showError(e);
        } finally {
          setCorrecting(false);
        }
      },
    });
  }

  const done = (message: string) => (d: NoticeDetail) => {
    toast('success', message);
    setDetail(d);
  };

  return (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      <Breadcrumb
        data-testid="notice-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/notices">公告</Link> },
          { key: 'this', title: n.title },
        ]}
      />
      <Card size={mobile ? 'small' : 'default'}>
        <div className="notice-head">
          <div className="notice-head-title">
            <Space size={4} wrap>
              <Tag color="geekblue">{n.kindLabel}</Tag>
              <NoticeStateTag notice={n} />
              {n.supersedesId !== null && <Tag color="orange">更正公告</Tag>}
            </Space>
            <Typography.Title level={4} style={{ margin: '8px 0 0' }} data-testid="notice-title">
              {n.title}
            </Typography.Title>
          </div>
          <Space wrap size={8}>
            {canDo('publish') && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog({ kind: 'publish' })} data-testid="notice-publish">
                发布
              </Button>
            )}
            {canDo('update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })} data-testid="notice-edit">
                修改
              </Button>
            )}
            {canDo('fileObjection') && (
              <Button
                type={paper ? 'default' : 'primary'}
                icon={<MessageOutlined />}
                onClick={() => setDialog({ kind: 'objection' })}
                data-testid="notice-file-objection"
              >
                {paper ? '登记纸质异议' : '提出异议'}
              </Button>
            )}
            {canDo('correct') && (
              <Button icon={<DiffOutlined />} loading={correcting} onClick={correct} data-testid="notice-correct">
                起草更正
              </Button>
            )}
            {staff && (
              <Button icon={<FileWordOutlined />} href={`/api/notices/${n.id}/document.docx`} data-testid="notice-docx">
                下载公文
              </Button>
            )}
            {n.status === 'published' && (
              <Button
                icon={<PrinterOutlined />}
                href={`/api/public/notices/${n.id}/print`}
                target="_blank"
                rel="noopener"
                data-testid="notice-print"
              >
                打印
              </Button>
            )}
          </Space>
        </div>

        {(n.status === 'draft' || n.supersededById !== null || n.supersedesId !== null || n.calendarWarning) && (
          <Space orientation="vertical" size={8} style={{ width: '100%', marginTop: 12 }}>
            {n.status === 'draft' && (
              <Alert type="info" showIcon title="草稿尚未发布，业主看不到。发布后内容不能再修改。" data-testid="notice-draft-hint" />
            )}
            {n.supersededById !== null && (
              <Alert
                type="warning"
                showIcon
                data-testid="notice-superseded"
                title={
                  <span>
                    本公告已被更正，以更正公告为准：
                    <Link to={`/notices/${n.supersededById}`} data-testid="notice-superseded-link">
                      查看更正公告
                    </Link>
                  </span>
                }
              />
            )}
            {n.supersedesId !== null && (
              <Alert
                type="info"
                showIcon
                data-testid="notice-supersedes"
                title={
                  <span>
                    本公告是对原公告的更正{n.status === 'draft' ? '（发布后取代原公告）' : ''}：
                    <Link to={`/notices/${n.supersedesId}`} data-testid="notice-supersedes-link">
                      查看原公告
                    </Link>
                  </span>
                }
              />
            )}
            {n.calendarWarning && <Alert type="warning" showIcon title={n.calendarWarning} data-testid="notice-calendar-warning" />}
          </Space>
        )}

        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          style={{ marginTop: 16 }}
          items={[
            { key: 'node', label: '张贴范围', children: <span data-testid="notice-node">{n.nodeName}</span> },
            { key: 'state', label: '公示状态', children: <span data-testid="notice-state">{n.stateLabel}</span> },
            {
              key: 'period',
              label: '公示期',
              children: <span data-testid="notice-period">{n.periodText ?? '不设公示期'}</span>,
            },
            {
              key: 'publish',
              label: '张贴日期',
              children: n.publishDate ? (
                <span data-testid="notice-publish-date">{formatDateZh(n.publishDate)}</span>
              ) : (
                <span className="muted">未发布</span>
              ),
            },
            {
              key: 'end',
              label: '公示期至',
              children: n.endDate ? (
                <span data-testid="notice-end-date">
                  {formatDateZh(n.endDate)}
                  {n.calendarComplete === false && (
                    <Tag color="warning" style={{ marginLeft: 6 }}>
                      待日历确认
                    </Tag>
                  )}
                </span>
              ) : (
                <span className="muted">{n.status === 'draft' && n.periodText ? '发布后计算' : '—'}</span>
              ),
            },
            { key: 'objections', label: '接受异议', children: n.acceptsObjections ? '接受书面异议' : '不接受' },
          ]}
        />
      </Card>

      <Card size="small" title="正文" data-testid="notice-body-card">
        <div className="notice-pre notice-body" data-testid="notice-body">
          {n.body}
        </div>
      </Card>

      <NoticeAttachments notice={n} onChange={setDetail} />

      {(n.acceptsObjections || n.objections.length > 0) && n.status === 'published' && (
        <Card
          size="small"
          title={
            <span>
              {staff ? '书面异议' : '我提出的异议'}（{n.objections.length}）
              {staff && openObjections > 0 && (
                <Tag color="processing" style={{ marginLeft: 8 }}>
                  待核查 {openObjections}
                </Tag>
              )}
              {staff && overdueObjections > 0 && (
                <Tag color="error" data-testid="notice-overdue-count">
                  已逾期 {overdueObjections}
                </Tag>
              )}
            </span>
          }
          data-testid="notice-objections"
        >
          {n.objections.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canDo('fileObjection') ? '暂无异议。公示期内可提出书面异议。' : '暂无异议'}
            />
          ) : (
            <List
              size="small"
              dataSource={n.objections}
              renderItem={(o) => <ObjectionItem o={o} onVerify={() => setDialog({ kind: 'verify', objection: o })} />}
            />
          )}
        </Card>
      )}

      <Button
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/notices')}
        data-testid="notice-back"
        style={{ alignSelf: 'flex-start' }}
      >
        返回公告列表
      </Button>

      {dialog?.kind === 'edit' && <EditNoticeModal notice={n} onClose={() => setDialog(null)} onDone={done('已保存')} />}
      {dialog?.kind === 'publish' && <PublishNoticeModal notice={n} onClose={() => setDialog(null)} onDone={done('公告已发布')} />}
      {dialog?.kind === 'objection' && (
        <ObjectionModal notice={n} paper={paper} onClose={() => setDialog(null)} onDone={done(paper ? '已登记纸质异议' : '异议已提交')} />
      )}
      {dialog?.kind === 'verify' && (
        <VerifyObjectionModal
          objection={dialog.objection}
          onClose={() => setDialog(null)}
          onDone={done('已提交核查结论，核查结果已公示')}
        />
      )}
    </Space>
  );
}
