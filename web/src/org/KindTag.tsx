import { Tag } from 'antd';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org';
import { KIND_COLOR } from './types';

const SHORT: Partial<Record<NodeKind, string>> = { company: '企业' };

export function KindTag({ kind, short = false }: { kind: NodeKind; short?: boolean }) {
  return (
    <Tag color={KIND_COLOR[kind]} className="kind-tag">
      {short ? (SHORT[kind] ?? NODE_KIND_LABEL[kind]) : NODE_KIND_LABEL[kind]}
    </Tag>
  );
}
