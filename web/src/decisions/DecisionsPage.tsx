import { Result } from 'antd';

/** 业主共同决定（being built）. */
export default function Page() {
  return <Result status="info" title="业主共同决定" />;
}
