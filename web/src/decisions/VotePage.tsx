import { Result } from 'antd';

/** 参与表决（being built）. */
export default function Page() {
  return <Result status="info" title="参与表决" />;
}
