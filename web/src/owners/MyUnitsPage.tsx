import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { validateIdNumber, validateMobile } from '../../../core/identity';
import { api } from '../api';
import { errorMessage, showFormError, toast } from '../shared/feedback';
import { formatArea } from '../shared/format';
import { JointNominations } from './JointNominations';
import type { MyUnits } from './types';
import './owners.css';

/**
 * 我的房屋: an owner binds the account to the roll by ID number + registered mobile (never by
 * declaring units), then sees their units, co-owners and whether they are the unit's voter.
 */
export default function MyUnitsPage() {
  const [data, setData] = useState<MyUnits | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [binding, setBinding] = useState(false);
  const [form] = Form.useForm<{ idNumber: string; mobile: string }>();

  useEffect(() => {
    api.get<MyUnits>('/api/me/units').then(setData, (e: unknown) => setError(errorMessage(e)));
  }, []);

  async function bind(v: { idNumber: string; mobile: string }) {
    setBinding(true);
    try {
      const r = await api.post<MyUnits>('/api/me/owner-binding', v);
      setData(r);
      toast('success', `核验成功，已关联 ${r.units.length} 套房屋`);
    } catch (e) {
      showFormError(form, e);
    } finally {
      setBinding(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Spin />;

  const bindForm = (
    <Card title={data.bound ? '关联更多房屋' : '核验业主身份'} size="small" style={{ maxWidth: 520 }} data-testid="my-units-bind">
      <p className="muted">
        请填写登记在业主名册中的身份证号和手机号。核验通过后，本账号即可查看您的房屋并参与业主共同决定。如名册信息有误，请联系社区工作人员更正或携带身份证到社区现场核验。
      </p>
      <Form form={form} layout="vertical" onFinish={bind}>
        <Form.Item
          name="idNumber"
          label="身份证号"
          rules={[
            {
              validator: (_, v: string | undefined) => {
                if (!v) return Promise.reject(new Error('请填写身份证号'));
                const r = validateIdNumber(v);
                return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" data-testid="bind-id" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label="手机号"
          rules={[
            {
              validator: (_, v: string | undefined) => {
                if (!v) return Promise.reject(new Error('请填写手机号'));
                const r = validateMobile(v);
                return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
              },
            },
          ]}
        >
          <Input maxLength={11} inputMode="numeric" data-testid="bind-mobile" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={binding} icon={<SafetyCertificateOutlined />} data-testid="bind-submit">
          核验并关联
        </Button>
      </Form>
    </Card>
  );

  return (
    <div>
      <Typography.Title level={4}>我的房屋</Typography.Title>
      {data.bound ? (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="my-units-summary">
            <Descriptions.Item label="业主">
              {data.persons.map((p) => `${p.name}（${p.idNumberMasked ?? ''}，${p.mobile ?? '无手机号'}）`).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="合计">
              {data.units.length} 套，专有部分面积 {formatArea(data.totalArea)}；{votingHeadsText(data.units)}
            </Descriptions.Item>
          </Descriptions>
          <JointNominations />
          {data.units.length === 0 && <Empty description="名册中暂无您名下的现有房屋" />}
          {data.units.map((u) => (
            <Card key={u.id} size="small" className="my-unit-card" data-testid={`my-unit-${u.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <strong>
                    {u.estateName} {u.buildingName}
                    {u.entrance ? ` ${u.entrance}` : ''} {u.number}
                  </strong>
                  {u.iVote ? <Tag color="blue">本户由您表决</Tag> : <Tag>由其他共有人表决</Tag>}
                </Space>
                <span>
                  专有部分面积 {formatArea(u.area)} · {u.startedOn} 起
                </span>
                {u.coOwners.length > 0 && (
                  <span className="muted">
                    共有人：{u.coOwners.map((c) => `${c.name}${c.designatedVoter ? '（表决人）' : ''}`).join('、')}
                  </span>
                )}
              </Space>
            </Card>
          ))}
        </>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="您的账号尚未与业主名册关联" />
      )}
      {bindForm}
    </div>
  );
}

/**
 * How the owner counts in a vote (最高法建筑物区分所有权解释 第九条): one buyer of several units is one
 * person; the units held alone and those held with each set of co-owners are separate buyers.
 */
function votingHeadsText(units: { coOwners: { name: string }[] }[]): string {
  const buyers = new Set(
    units.map((u) =>
      u.coOwners
        .map((c) => c.name)
        .sort()
        .join('、'),
    ),
  );
  if (units.length <= 1) return '表决时计为一人';
  return buyers.size === 1
    ? '多套房屋表决时合计计为一人'
    : `表决时按买受人计为${buyers.size}人（单独所有的房屋合计为一人，与他人共有的房屋按共有人分别计算）`;
}
