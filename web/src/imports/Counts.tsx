import { Card, Col, Row, Statistic } from 'antd';
import { COUNT_LABEL } from './types';

/** The counts of a check or a result, with their Chinese names. */
export function Counts({ counts, testId }: { counts: Record<string, number>; testId: string }) {
  const shown = COUNT_LABEL.filter(([k]) => counts[k] !== undefined);
  return (
    <Row gutter={[12, 12]} data-testid={testId}>
      {shown.map(([k, label]) => (
        <Col key={k} xs={12} sm={8} md={6}>
          <Card size="small">
            <Statistic title={label} value={counts[k]} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
