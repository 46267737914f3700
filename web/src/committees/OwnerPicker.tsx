import { Select } from 'antd';
import { useState } from 'react';
import { useApi } from '../shared/useApi';

interface Owner {
  personId: number;
  name: string;
  units: string;
  arrears: boolean;
}
type Props = {
  committee: { kind: string; id: number };
  testId: string;
  exclude?: number[];
} & ({ multiple: true; value?: number[]; onChange?(v: number[]): void } | { multiple?: false; value?: number; onChange?(v: number): void });

/** Owners of the committee's estate who are not on it, found by name (at most 20 a search); what was picked keeps its label. */
export function OwnerPicker(p: Props) {
  const [q, setQ] = useState('');
  const [seen, setSeen] = useState<Map<number, Owner>>(new Map());
  const found = useApi<{ items: Owner[] }>(`/api/committees/${p.committee.kind}/${p.committee.id}/owner-candidates`, { q });
  const all = new Map(seen);
  for (const o of found.data?.items ?? []) all.set(o.personId, o);
  const options = [...all.values()]
    .filter((o) => !p.exclude?.includes(o.personId))
    .map((o) => ({ value: o.personId, label: `${o.name}（${o.units}）${o.arrears ? '【欠费】' : ''}` }));
  const remember = (ids: number[]) => setSeen(new Map(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : []))));
  return (
    <Select<number | number[]>
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={found.loading}
      options={options}
      data-testid={p.testId}
      placeholder="输入姓名查找"
      virtual={false}
      classNames={{ popup: { root: `${p.testId}-popup` } }}
      mode={p.multiple ? 'multiple' : undefined}
      value={p.value}
      onChange={(v) => {
        remember(Array.isArray(v) ? v : [v]);
        (p.onChange as ((x: number | number[]) => void) | undefined)?.(v);
      }}
    />
  );
}
