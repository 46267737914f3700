import { Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { StreetSetting } from './types';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));

/** 年度述职月份 (R36): a street-level setting; the reminder job tells committees in that month. */
export function ReportMonthSetting() {
  const s = useApi<{ items: StreetSetting[] }>('/api/committee-settings');
  const [saving, setSaving] = useState<number | null>(null);
  if (!s.data?.items.length) return null;
  async function change(streetId: number, reportMonth: number) {
    setSaving(streetId);
    try {
      await api.put(`/api/committee-settings/${streetId}`, { reportMonth });
      toast('success', `已设置为每年${reportMonth}月述职`);
      s.reload();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(null);
    }
  }
  return (
    <Space orientation="vertical" size={4} data-testid="report-month-setting">
      {s.data.items.map((x) => (
        <Space key={x.streetId} wrap size={8}>
          {s.data!.items.length > 1 && <strong>{x.streetName}</strong>}
          物管会（业委会）年度述职月份
          <Select
            value={x.reportMonth}
            disabled={!x.canManage}
            loading={saving === x.streetId}
            options={MONTHS}
            onChange={(v) => void change(x.streetId, v)}
            style={{ width: 90 }}
            virtual={false}
            data-testid={`report-month-${x.streetId}`}
          />
        </Space>
      ))}
    </Space>
  );
}
