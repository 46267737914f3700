import { Alert, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { TICKET_CHANNEL_LABEL, type TicketChannel } from '../../../core/tickets';
import { api } from '../api';
import { showFormError, toast } from '../shared/feedback';
import { PhotoPicker } from './PhotoPicker';
import type { RaiseOptions, TicketDetail } from './types';
import { useApi } from '../shared/useApi';
import './tickets.css';

interface Values {
  channel: TicketChannel;
  where: 'unit' | 'place';
  unitId?: number;
  estateId?: number;
  buildingId?: number;
  place?: string;
  kindId: number;
  title: string;
  description: string;
  photoIds: number[];
  callerName?: string;
  callerPhone?: string;
}

/** 提出诉求, made for a phone: where, what kind, what happened, photos; dispatched by the service list on sending. */
export default function RaiseTicketPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { data: opts, error } = useApi<RaiseOptions>('/api/tickets/raise-options');
  const [sending, setSending] = useState(false);
  const channel = Form.useWatch('channel', form) ?? opts?.channels[0];
  const where = Form.useWatch('where', form) ?? (channel === 'app' && opts?.units.length ? 'unit' : 'place');
  const unitId = Form.useWatch('unitId', form);
  const estateId = Form.useWatch('estateId', form);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!opts) return <Card loading />;
  if (opts.channels.length === 0) return <Alert type="info" showIcon title="您的账号不能提出诉求" />;

  const ownUnits = channel === 'app' ? opts.units : [];
  const estate = opts.estates.find((e) => e.id === (where === 'unit' ? ownUnits.find((u) => u.id === unitId)?.estateId : estateId));
  const kinds = opts.kinds.filter((k) => k.communityId === estate?.communityId);

  async function submit(v: Values) {
    setSending(true);
    try {
      const body = {
        channel: v.channel,
        kindId: v.kindId,
        title: v.title,
        description: v.description,
        photoIds: v.photoIds ?? [],
        ...(v.where === 'unit'
          ? { unitId: v.unitId, place: v.place || null }
          : { estateId: v.estateId, buildingId: v.buildingId ?? null, place: v.place }),
        ...(v.channel === 'phone' ? { callerName: v.callerName, callerPhone: v.callerPhone || null } : {}),
      };
      const t = await api.post<TicketDetail>('/api/tickets', body);
      toast('success', t.state === 'dispatched' ? `已提交，已派给${t.handler}` : '已提交，等待社区派单');
      navigate(`/tickets/${t.id}`, { replace: true });
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSending(false);
    }
  }

  return (
    <Card className="tk-page" title="提出诉求">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: opts.channels[0],
          where: opts.channels[0] === 'app' && opts.units.length ? 'unit' : 'place',
          photoIds: [],
        }}
        data-testid="raise-form"
      >
        <Form.Item name="channel" label="来源" hidden={opts.channels.length < 2}>
          <Radio.Group options={opts.channels.map((c) => ({ value: c, label: TICKET_CHANNEL_LABEL[c] }))} />
        </Form.Item>
        {
          <Form.Item name="where" label="位置" hidden={ownUnits.length === 0}>
            <Radio.Group
              options={[
                { value: 'unit', label: '我的房屋' },
                { value: 'place', label: '小区公共部位' },
              ]}
              data-testid="raise-where"
            />
          </Form.Item>
        }
        {where === 'unit' && ownUnits.length > 0 ? (
          <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
            <Select placeholder="选择房屋" options={ownUnits.map((u) => ({ value: u.id, label: u.label }))} data-testid="raise-unit" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder="选择小区"
                options={opts.estates.map((e) => ({ value: e.id, label: e.name }))}
                data-testid="raise-estate"
              />
            </Form.Item>
            <Form.Item name="buildingId" label="楼栋（可不选）">
              <Select allowClear placeholder="选择楼栋" options={(estate?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
            <Form.Item name="place" label="公共部位" rules={[{ required: true, message: '请填写公共部位，如“3号楼东侧停车场”' }]}>
              <Input maxLength={100} placeholder="如：3号楼东侧停车场" data-testid="raise-place" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="kindId"
          label="诉求类型"
          rules={[{ required: true, message: '请选择诉求类型' }]}
          extra={estate ? undefined : '先选择房屋或小区'}
        >
          <Select
            placeholder="选择类型"
            options={kinds.map((k) => ({ value: k.id, label: `${k.name}（${k.handlerLabel}，${k.finishText}内办结）` }))}
            data-testid="raise-kind"
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={50} placeholder="一句话说明问题" data-testid="raise-title" />
        </Form.Item>
        <Form.Item name="description" label="详细描述" rules={[{ required: true, message: '请描述问题' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="raise-description" />
        </Form.Item>
        {channel === 'phone' && (
          <>
            <Form.Item name="callerName" label="来电人" rules={[{ required: true, message: '请填写来电人姓名' }]}>
              <Input maxLength={30} data-testid="raise-caller" />
            </Form.Item>
            <Form.Item name="callerPhone" label="来电号码">
              <Input maxLength={20} />
            </Form.Item>
          </>
        )}
        <Form.Item name="photoIds" label="照片">
          <PhotoPicker testId="raise-photos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={sending} data-testid="raise-submit">
          提交
        </Button>
      </Form>
    </Card>
  );
}
