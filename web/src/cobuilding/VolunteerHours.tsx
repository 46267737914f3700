import { Card, InputNumber, Table } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../shared/format';
import { useApi } from '../shared/useApi';

interface Row {
  key: string;
  name: string;
  dutyHours: number;
  wishHours: number;
  pledgeHours: number;
  totalHours: number;
}

/** 志愿服务时长: per person and year, from duty, wishes and pledges. */
export function VolunteerHours() {
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const { data } = useApi<{ items: Row[] }>('/api/volunteer-hours', { year });
  return (
    <Card title="志愿服务时长" extra={<InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />}>
      <Table
        rowKey="key"
        size="small"
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '值班', dataIndex: 'dutyHours' },
          { title: '微心愿', dataIndex: 'wishHours' },
          { title: '践诺', dataIndex: 'pledgeHours' },
          { title: '合计（小时）', dataIndex: 'totalHours' },
        ]}
      />
    </Card>
  );
}
