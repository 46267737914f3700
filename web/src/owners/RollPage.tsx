import { Result } from 'antd';

/** 业主名册（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="业主名册" />;
}
