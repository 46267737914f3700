import { Alert, Tag } from 'antd';
import type { VerifyResult } from './types';

/** The result of a check of the hash chain. */
export function VerifyBanner({ verify, onClose }: { verify: VerifyResult; onClose: () => void }) {
  return (
    <Alert
      style={{ marginBottom: 12 }}
      showIcon
      closable={{ onClose }}
      type={verify.ok ? 'success' : 'error'}
      data-testid="audit-verify-result"
      title={
        verify.ok ? (
          <span>
            <Tag color="success">完整</Tag>审计链完整，已校验 {verify.checked} 条记录，未发现篡改。
          </span>
        ) : (
          <span>
            <Tag color="error">已损坏</Tag>审计链校验未通过（已校验 {verify.checked} 条）
            {verify.firstBroken?.id != null ? `，首个异常记录 #${verify.firstBroken.id}` : ''}：{verify.firstBroken?.reason ?? '原因未知'}
          </span>
        )
      }
    />
  );
}
