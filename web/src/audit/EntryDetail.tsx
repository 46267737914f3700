import { Alert } from 'antd';
import type { AuditEntry } from './types';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">（无）</span>;
  return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** One entry unfolded: what it changed, where, and its hash. */
export function EntryDetail({ e }: { e: AuditEntry }) {
  return (
    <div className="audit-detail" data-testid={`audit-detail-${e.id}`}>
      {e.choicesHidden && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="表决结果公布前，任何人都不能查看各户的选择；结果公布后此处显示。审计记录本身未被改动。"
        />
      )}
      <div className="audit-diff">
        <div>
          <div className="audit-diff-title">修改前</div>
          <Json value={e.before} />
        </div>
        <div>
          <div className="audit-diff-title">修改后</div>
          <Json value={e.after} />
        </div>
      </div>
      <div className="audit-meta">
        {e.nodeId !== null && <span>所在节点：#{e.nodeId}</span>}
        {e.requestId && <span>请求编号：{e.requestId}</span>}
        <span>
          哈希：<code>{e.hash}</code>
        </span>
      </div>
    </div>
  );
}
