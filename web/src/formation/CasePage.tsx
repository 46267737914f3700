import { Result } from 'antd';

/** 组建案件（being built）. */
export default function Page() {
  return <Result status="info" title="组建案件" />;
}
