import { Result } from 'antd';

/** 党组织（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="党组织" />;
}
