import { Select } from 'antd';
import { auditActionGroups } from '../../../core/audit-actions';

const OPTIONS = auditActionGroups().map((g) => ({
  label: g.label,
  title: g.label,
  options: g.actions.map((a) => ({ value: a.code, label: a.label })),
}));

/** Every action the audit trail records, grouped by capability; searchable by its Chinese name. */
export function ActionFilter({ value, onChange, width }: { value?: string; onChange: (v: string | undefined) => void; width: number }) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部操作"
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={OPTIONS}
      style={{ width }}
      popupMatchSelectWidth={false}
      data-testid="audit-action-filter"
    />
  );
}
