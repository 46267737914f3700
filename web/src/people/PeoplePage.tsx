import { Result } from 'antd';

/** 人员（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="人员" />;
}
