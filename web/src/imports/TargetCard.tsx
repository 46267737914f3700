import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { NODE_KIND_LABEL } from '../../../core/org';
import type { OrgTree, OrgTreeItem } from '../org/tree';
import { useOrgTree } from '../org/useOrgTree';
import { useIsMobile } from '../shared/useIsMobile';
import { KIND_HINT, KIND_LABEL, KIND_NODES, type ImportKind } from './types';

interface PickOption {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: PickOption[];
}

/** The caller's tree down to the kind of node an import goes to; other nodes only give the way there. */
function targetOptions(tree: OrgTree, kinds: string[]): PickOption[] {
  const walk = (items: OrgTreeItem[]): PickOption[] => {
    const out: PickOption[] = [];
    for (const it of items) {
      if (!it.primary || it.node.kind === 'building' || it.node.kind === 'grid' || it.node.kind === 'company') continue;
      const children = walk(it.children);
      const target = kinds.includes(it.node.kind) && it.node.inScope;
      if (!target && children.length === 0) continue;
      out.push({
        value: it.node.id,
        title: `${it.node.name}（${NODE_KIND_LABEL[it.node.kind]}）`,
        ...(target ? {} : { disabled: true, selectable: false }),
        ...(children.length ? { children } : {}),
      });
    }
    return out;
  };
  return walk(tree.roots);
}

/** Step 1: the kind of import, where it goes, and its template. */
export function TargetCard({
  kinds,
  kind,
  nodeId,
  onKind,
  onNode,
}: {
  kinds: ImportKind[];
  kind: ImportKind;
  nodeId: number | undefined;
  onKind(kind: ImportKind): void;
  onNode(nodeId: number | undefined): void;
}) {
  const mobile = useIsMobile();
  const { tree, error } = useOrgTree();
  const options = useMemo(() => (tree ? targetOptions(tree, KIND_NODES[kind]) : []), [tree, kind]);
  return (
    <Card size="small" title="1. 选择导入类型和位置">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<ImportKind>
          value={kind}
          onChange={onKind}
          options={kinds.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          data-testid="import-kind"
        />
        <Typography.Text type="secondary">{KIND_HINT[kind]}</Typography.Text>
        {error && <Alert type="error" showIcon message={error} />}
        <Space wrap>
          <TreeSelect<number>
            value={nodeId}
            onChange={(v) => onNode(v ?? undefined)}
            treeData={options}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={`选择${KIND_NODES[kind].map((k) => NODE_KIND_LABEL[k]).join('或')}`}
            loading={!tree}
            style={{ width: mobile ? '100%' : 360 }}
            popupMatchSelectWidth={false}
            data-testid="import-node"
          />
          <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}`} data-testid="import-template">
            下载{KIND_LABEL[kind]}模板
          </Button>
        </Space>
        <Typography.Text type="secondary">模板第2行（灰色）是示例，不会被导入，填写时请删除。</Typography.Text>
      </Space>
    </Card>
  );
}
