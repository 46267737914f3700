import { DownloadOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Col, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery, type Query } from '../api';
import { useApi } from '../shared/useApi';
import { AssessmentPanel } from './AssessmentPanel';
import { ClassesPanel } from './ClassesPanel';
import { FigureCard } from './FigureCard';
import { FigureListDrawer } from './FigureListDrawer';
import { PlanPanel } from './PlanPanel';
import type { Figure, Overview } from './types';
import './overview.css';

/**
 * 总览 (issue 18 §2): where the plan stands and who is behind, for the caller's scope — a district
 * by its streets side by side, a street by its communities, a community by its estates. Clicking a
 * bar or a row drills down; every figure has its table, its list and its .xlsx; the page prints on A4.
 */
export function OverviewPage() {
  const [params, setParams] = useSearchParams();
  const node = params.get('node');
  const year = params.get('year');
  const query: Query = { nodeId: node ?? undefined, year: year ?? undefined };
  const o = useApi<Overview>('/api/overview', query);
  const [listed, setListed] = useState<Figure | null>(null);
  const drill = useCallback(
    (id: number) =>
      setParams((p) => {
        p.set('node', String(id));
        return p;
      }),
    [setParams],
  );
  const data = o.data;
  const canDrill = data && data.children.some((c) => c.id !== data.node?.id);
  return (
    <div className="overview-page" data-testid="overview-page">
      <div className="overview-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="overview-title">
            {data ? `${data.node?.name ?? '我的范围'} 总览` : '总览'}
          </Typography.Title>
          {data && (
            <Breadcrumb
              data-testid="overview-path"
              items={data.path.map((n, i) => ({
                title:
                  i === data.path.length - 1 ? (
                    n.name
                  ) : (
                    <a onClick={() => drill(n.id)} data-testid={`overview-up-${n.id}`}>
                      {n.name}
                    </a>
                  ),
              }))}
            />
          )}
        </div>
        <Space className="overview-tools">
          <InputNumber
            min={2000}
            max={2100}
            value={data?.year}
            prefix="年度"
            onChange={(v) =>
              v &&
              setParams((p) => {
                p.set('year', String(v));
                return p;
              })
            }
            data-testid="overview-year"
          />
          <Button icon={<DownloadOutlined />} href={withQuery('/api/overview/export.xlsx', query)} data-testid="overview-export">
            导出Excel
          </Button>
          <Button
            icon={<FileWordOutlined />}
            href={withQuery('/api/overview/report.docx', { ...query, kind: 'monthly' })}
            data-testid="overview-monthly"
          >
            月度通报
          </Button>
          <Button
            icon={<FileWordOutlined />}
            href={withQuery('/api/overview/report.docx', { ...query, kind: 'annual' })}
            data-testid="overview-annual"
          >
            年度总结
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="overview-print">
            打印
          </Button>
        </Space>
      </div>
      {o.error && <Alert type="error" title={o.error} showIcon />}
      {!data && o.loading && <Spin />}
      {data && (
        <>
          <p className="overview-note">
            统计于 {new Date(data.countedAt).toLocaleTimeString('zh-CN', { hour12: false })}（每分钟更新）；诉求、评议、培训、表决按{' '}
            {data.year} 年统计。
            {canDrill ? '点击柱形或表格中的名称可查看下一级。' : ''}
          </p>
          <PlanPanel o={data} exportHref={withQuery('/api/overview/export.xlsx', query)} />
          <ClassesPanel o={data} exportHref={withQuery('/api/overview/export.xlsx', query)} />
          <Row gutter={[16, 16]} className="overview-grid">
            {data.figures.map((f) => (
              <Col key={f.code} xs={24} md={12} xl={8}>
                <FigureCard figure={f} query={query} onDrill={canDrill ? drill : undefined} onList={setListed} />
              </Col>
            ))}
          </Row>
          {data.node?.kind === 'street' && <AssessmentPanel streetId={data.node.id} year={data.year} />}
        </>
      )}
      <FigureListDrawer figure={listed} query={query} onClose={() => setListed(null)} />
    </div>
  );
}
