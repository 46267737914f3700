import { Card, Col, Row, Space, Statistic, Tag } from 'antd';
import { formatThousands } from '../shared/format';
import type { Roll } from './types';

/** The roll's totals: units next to the R3 headcount, the area, the developer's stock, and what needs attention. */
export function RollCounts({ c }: { c: Roll['counts'] }) {
  return (
    <Row gutter={[12, 12]} className="roll-counts" data-testid="roll-counts">
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="房屋（户数）" value={c.units} data-testid="roll-units" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="业主人数（按R3计）" value={c.heads} data-testid="roll-heads" />
          <div className="muted roll-note">一人多户计1人，开发商房屋合计1人</div>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="专有部分总面积（㎡）" value={formatThousands(c.area)} data-testid="roll-area" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="开发商房屋" value={c.developerStockUnits} suffix="户" />
          <div className="muted roll-note">{formatThousands(c.developerStockArea)} ㎡，计为1人</div>
        </Card>
      </Col>
      {(c.unownedUnits > 0 || c.coOwnedWithoutVoter > 0 || c.multiUnitOwners > 0) && (
        <Col span={24}>
          <Space wrap>
            {c.multiUnitOwners > 0 && <Tag>一人多户：{c.multiUnitOwners} 人</Tag>}
            {c.unownedUnits > 0 && <Tag color="orange">未登记业主：{c.unownedUnits} 户</Tag>}
            {c.coOwnedWithoutVoter > 0 && <Tag color="orange">共有未指定表决人（R4）：{c.coOwnedWithoutVoter} 户</Tag>}
          </Space>
        </Col>
      )}
    </Row>
  );
}
