import { Result } from 'antd';

/** 表决详情（being built）. */
export default function Page() {
  return <Result status="info" title="表决详情" />;
}
