import { Result } from 'antd';

/** 物业企业（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="物业企业" />;
}
