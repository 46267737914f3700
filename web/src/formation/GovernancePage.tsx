import { Result } from 'antd';

/** 小区治理（being built）. */
export default function Page() {
  return <Result status="info" title="小区治理" />;
}
