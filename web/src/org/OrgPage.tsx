import { Alert, Card, Empty, Input, Skeleton, Tree, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useIsMobile } from '../shared/useIsMobile';
import { NodeDetailPanel } from './NodeDetail';
import { ancestorKeys, primaryKey } from './tree';
import { loadedKeys, nodeIdOfKey, toTreeData } from './treeData';
import { useLazyOrgTree } from './useLazyOrgTree';
import { useOrgSearch } from './useOrgSearch';
import './org.css';

/** 组织架构: the tree on the left, the selected node on the right (stacked on a phone). */
export default function OrgPage() {
  const params = useParams();
  const id = params.nodeId && /^\d+$/.test(params.nodeId) ? Number(params.nodeId) : null;
  const navigate = useNavigate();
  const mobile = useIsMobile();
  // Loaded as the user opens it (issue 18: a district is too large to send at once); searched on the server.
  const { tree, error, reload, loaded, loadChildren, reveal } = useLazyOrgTree();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const treeScrollRef = useRef<HTMLDivElement>(null);
  const picked = useRef(false);

  const found = useOrgSearch(search);
  const searching = !!search.trim();
  const treeData = useMemo(
    () => (searching ? toTreeData(found.roots ?? []) : tree ? toTreeData(tree.roots, loaded) : []),
    [searching, found.roots, tree, loaded],
  );
  const keysLoaded = useMemo(() => (tree ? loadedKeys(tree.roots, loaded) : []), [tree, loaded]);
  const selectedKeys = id === null ? [] : (tree?.keysById.get(id) ?? [primaryKey(id)]);

  // A node opened by address that is not loaded yet: load the way down to it.
  useEffect(() => {
    if (tree && id !== null && !tree.byId.has(id)) void reveal(id);
  }, [tree, id, reveal]);

  // Open the tree where the page starts: the scope roots, plus the way down to the selected node.
  useEffect(() => {
    if (!tree) return;
    setExpanded((prev) => {
      const base = prev ?? tree.defaultExpanded;
      // Only the node's primary place (a building under its estate) is opened, not every place it appears.
      const need = id !== null ? ancestorKeys(tree, [primaryKey(id)]) : [];
      const missing = need.filter((k) => !base.includes(k));
      return missing.length || !prev ? [...base, ...missing] : prev;
    });
  }, [tree, id]);

  // Without a node in the address, show the caller's own top node.
  useEffect(() => {
    if (!tree || id !== null) return;
    const first = [...tree.byId.values()].find(
      (n) => n.inScope && tree.defaultExpanded.includes(`n${n.id}`) && !(n.parentId !== null && tree.byId.get(n.parentId)?.inScope),
    );
    if (first) navigate(`/org/${first.id}`, { replace: true });
  }, [tree, id, navigate]);

  // A pick on a phone brings the detail (under the tree) into view; a node opened by address is
  // scrolled into view inside the tree.
  useEffect(() => {
    if (id === null || !tree) return;
    if (picked.current) {
      picked.current = false;
      if (mobile) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    const t = window.setTimeout(() => {
      const el = treeScrollRef.current?.querySelector(`[data-testid="tree-node-${id}"]`);
      const box = treeScrollRef.current;
      if (el && box) {
        const r = el.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - b.height / 3;
      }
    }, 50);
    return () => window.clearTimeout(t);
  }, [id, mobile, tree]);

  // After a change the tree reloads; a node that got a new child is opened to show it.
  const onTreeChanged = useCallback(
    (openId?: number) => {
      if (openId !== undefined) setExpanded((prev) => (prev && !prev.includes(primaryKey(openId)) ? [...prev, primaryKey(openId)] : prev));
      reload();
    },
    [reload],
  );

  // While searching, the tree opens to every match; the user may still open and close nodes.
  const [searchExpanded, setSearchExpanded] = useState<string[]>([]);
  useEffect(() => setSearchExpanded(found.expanded), [found.expanded]);
  const expandedKeys = searching ? searchExpanded : (expanded ?? []);

  return (
    <div className={`org-page${mobile ? ' org-page-mobile' : ''}`}>
      <Card className="org-tree-card" size="small" title="组织架构" data-testid="org-tree-card">
        <Input.Search
          allowClear
          placeholder="搜索名称或编码"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ marginBottom: 8 }}
          data-testid="org-tree-search"
        />
        {error ? (
          <Alert type="error" showIcon title="无法加载组织树" description={error} />
        ) : !tree || (searching && found.roots === null) ? (
          <Skeleton active />
        ) : treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={searching ? '没有匹配的节点' : '您的范围内暂无组织'} />
        ) : (
          <div className="org-tree-scroll" data-testid="org-tree" ref={treeScrollRef}>
            {searching && found.truncated && (
              <Alert type="info" showIcon title="匹配的节点较多，只显示前 100 个：请输入更完整的名称" data-testid="org-tree-truncated" />
            )}
            <Tree
              blockNode
              showLine={{ showLeafIcon: false }}
              treeData={treeData}
              selectedKeys={selectedKeys}
              expandedKeys={expandedKeys}
              {...(searching ? {} : { loadData: (node) => loadChildren(nodeIdOfKey(String(node.key))), loadedKeys: keysLoaded })}
              onExpand={(keys) => (searching ? setSearchExpanded : setExpanded)(keys.map(String))}
              onSelect={(_keys, info) => {
                const key = String(info.node.key);
                const nodeId = nodeIdOfKey(key);
                if (!Number.isFinite(nodeId)) return;
                picked.current = true;
                // Picking a node also opens it (loading its children first), so its children show.
                if (!info.node.isLeaf) {
                  const open = () => setExpanded((prev) => (prev && !prev.includes(key) ? [...prev, key] : prev));
                  if (!searching && !keysLoaded.includes(key)) void loadChildren(nodeId).then(open, () => undefined);
                  else open();
                }
                navigate(`/org/${nodeId}`);
              }}
            />
          </div>
        )}
      </Card>
      <div className="org-detail" ref={detailRef}>
        {tree && id !== null ? (
          <NodeDetailPanel id={id} tree={tree} onTreeChanged={onTreeChanged} />
        ) : tree ? (
          <Card>
            <Empty description="请在左侧选择一个节点" />
          </Card>
        ) : error ? null : (
          <Card>
            <Skeleton active />
          </Card>
        )}
        {tree && (
          <Typography.Paragraph type="secondary" className="org-legend">
            楼栋同时显示在所属小区和负责它的网格之下；灰色节点不在您的管理范围内，仅用于显示位置。
          </Typography.Paragraph>
        )}
      </div>
    </div>
  );
}
