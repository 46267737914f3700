import { Result } from 'antd';

/** 导入（issue 3; being built）. */
export default function Page() {
  return <Result status="info" title="导入" />;
}
