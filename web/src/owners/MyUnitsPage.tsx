import { Result } from 'antd';

/** 我的房屋（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="我的房屋" />;
}
