import { Space, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../shared/useApi';
import type { Report, ReportDetail } from './types';

/** A report's facts, evidence, its notice on the board and the printable notice for each building. */
export function ReportFiles({ report }: { report: Report }) {
  const d = useApi<ReportDetail>(`/api/negative-reports/${report.id}`);
  if (!d.data) return <Spin size="small" />;
  const r = d.data;
  return (
    <Space direction="vertical" size={4}>
      <span>事实情况：{r.facts}</span>
      <span>
        证据材料：
        {r.evidence.map((f) => (
          <a key={f.id} href={`/api/negative-reports/${r.id}/files/${f.id}`} style={{ marginRight: 8 }}>
            {f.fileName}
          </a>
        ))}
      </span>
      {r.noticeId && (
        <span>
          <Link to={`/notices/${r.noticeId}`} data-testid={`report-${r.id}-notice`}>
            暂停履职公告
          </Link>
          ；按楼栋打印张贴：
          {r.buildings.map((b) => (
            <a
              key={b.id}
              href={`/api/negative-reports/${r.id}/notice.docx?buildingId=${b.id}`}
              style={{ marginRight: 8 }}
              data-testid={`report-${r.id}-doc-${b.id}`}
            >
              {b.name}
            </a>
          ))}
        </span>
      )}
    </Space>
  );
}
