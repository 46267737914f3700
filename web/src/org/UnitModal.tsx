import { Form, Input, InputNumber, Select } from 'antd';
import { formatArea, parseArea } from '../../../core/area';
import { AREA_SOURCES, AREA_SOURCE_LABEL, UNIT_KINDS, UNIT_KIND_LABEL, type AreaSource, type UnitKind } from '../../../core/org';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { Unit } from './types';

interface UnitFormValues {
  buildingId: number;
  entrance?: string;
  floor?: number | null;
  number: string;
  kind: UnitKind;
  area: string;
  areaSource: AreaSource;
}

/** The area as the API stores it; text the validator refused is sent as typed, for the server to explain. */
function areaText(typed: string): string {
  const r = parseArea(typed);
  return r.ok ? formatArea(r.centi) : typed.trim();
}

/** 新建/编辑房屋. A unit stays in its building; the area is typed as text (exact decimals). */
export function UnitModal({
  unit,
  buildings,
  defaultBuildingId,
  open,
  onClose,
  onDone,
}: {
  unit: Unit | null;
  buildings: { id: number; name: string }[];
  defaultBuildingId?: number | null;
  open: boolean;
  onClose(): void;
  onDone(unit: Unit): void;
}) {
  const [form] = Form.useForm<UnitFormValues>();
  const initial: Partial<UnitFormValues> = unit
    ? {
        buildingId: unit.buildingId,
        entrance: unit.entrance,
        floor: unit.floor,
        number: unit.number,
        kind: unit.kind,
        area: unit.area,
        areaSource: unit.areaSource,
      }
    : {
        buildingId: defaultBuildingId ?? (buildings.length === 1 ? buildings[0]!.id : undefined),
        entrance: '',
        floor: null,
        kind: 'residential',
        areaSource: 'registered',
      };
  const buildingOptions = unit
    ? [{ value: unit.buildingId, label: unit.buildingName }]
    : buildings.map((b) => ({ value: b.id, label: b.name }));

  return (
    <FormModal<UnitFormValues>
      title={unit ? `编辑房屋 ${unit.buildingName} ${unit.entrance} ${unit.number}` : '新建房屋'}
      open={open}
      form={form}
      initialValues={initial}
      testId="unit-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const fields = {
          entrance: (v.entrance ?? '').trim(),
          floor: v.floor ?? null,
          number: v.number.trim(),
          kind: v.kind,
          // The one reading of an area (core parseArea, as the API and the import): "８９．３７㎡" is sent as "89.37".
          area: areaText(v.area),
          areaSource: v.areaSource,
        };
        const saved = unit
          ? await api.patch<Unit>(`/api/units/${unit.id}`, fields)
          : await api.post<Unit>('/api/units', { buildingId: v.buildingId, ...fields });
        onDone(saved);
      }}
    >
      <Form.Item name="buildingId" label="楼栋" rules={[{ required: true, message: '请选择楼栋' }]}>
        <Select
          options={buildingOptions}
          disabled={!!unit}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择楼栋"
          data-testid="unit-form-building"
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item name="entrance" label="单元" style={{ flex: 1 }} rules={[{ max: 20, message: '单元不能超过 20 个字' }]}>
          <Input maxLength={20} placeholder="如 1单元，可为空" data-testid="unit-form-entrance" />
        </Form.Item>
        <Form.Item name="floor" label="楼层" style={{ flex: 1 }}>
          <InputNumber precision={0} min={-10} max={200} style={{ width: '100%' }} placeholder="如 3" data-testid="unit-form-floor" />
        </Form.Item>
      </div>
      <Form.Item
        name="number"
        label="房号"
        rules={[
          { required: true, whitespace: true, message: '请输入房号' },
          { max: 20, message: '房号不能超过 20 个字' },
        ]}
      >
        <Input maxLength={20} placeholder="如 301" data-testid="unit-form-number" />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择房屋类型' }]}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABEL[k] }))} data-testid="unit-form-kind" />
      </Form.Item>
      <Form.Item
        name="area"
        label="专有部分面积"
        rules={[
          { required: true, whitespace: true, message: '请输入面积' },
          {
            validator: (_r, v: string | undefined) => {
              if (!v || !v.trim()) return Promise.resolve();
              const r = parseArea(v);
              return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
            },
          },
        ]}
      >
        <Input inputMode="decimal" suffix="㎡" placeholder="如 89.37，最多两位小数" maxLength={20} data-testid="unit-form-area" />
      </Form.Item>
      <Form.Item
        name="areaSource"
        label="面积来源"
        rules={[{ required: true, message: '请选择面积来源' }]}
        extra="优先采用不动产登记面积，其次实测面积，再次购房合同面积"
      >
        <Select options={AREA_SOURCES.map((s) => ({ value: s, label: AREA_SOURCE_LABEL[s] }))} data-testid="unit-form-area-source" />
      </Form.Item>
    </FormModal>
  );
}
