import { Button, Space } from 'antd';
import { modal } from '../shared/feedback';
import type { CommitMode, ImportBatch } from './types';

/**
 * 确认导入: irreversible, so it asks once more (Modal.confirm) and says what it will do; while the
 * import ends or changes titles that exist, it waits for the ticked confirmation of that list.
 */
export function CommitActions({
  batch,
  busy,
  listConfirmed,
  onCommit,
  onDiscard,
}: {
  batch: ImportBatch;
  busy: CommitMode | 'upload' | null;
  /** The list of title changes is empty, or the user ticked that they checked it. */
  listConfirmed: boolean;
  onCommit(mode: CommitMode): Promise<void>;
  onDiscard(): void;
}) {
  const units = batch.titleChanges?.length ?? 0;
  const ask = (mode: CommitMode) => {
    const rows = mode === 'all' ? batch.rows : batch.validRows;
    modal().confirm({
      title: '确认导入？',
      content: [
        `将导入${rows}行${mode === 'validOnly' ? `（跳过${batch.errorRows}行有错误的行）` : ''}，共${batch.changes}项变更，在一个事务中写入。`,
        units > 0 ? `其中${units}套房屋已有业主的产权将按清单结束或变更。` : '',
        '导入后不能撤销，只能再导入更正后的文件。',
      ].join(''),
      okText: '确认导入',
      cancelText: '取消',
      okButtonProps: { danger: units > 0, 'data-testid': 'confirm-ok' },
      onOk: () => onCommit(mode),
    });
  };
  const blocked = busy !== null || !listConfirmed;
  return (
    <Space wrap>
      <Button
        type="primary"
        disabled={batch.errorRows > 0 || blocked}
        loading={busy === 'all'}
        onClick={() => ask('all')}
        data-testid="import-commit-all"
      >
        确认导入（全部{batch.rows}行）
      </Button>
      {batch.errorRows > 0 && (
        <Button
          disabled={batch.validRows === 0 || blocked}
          loading={busy === 'validOnly'}
          onClick={() => ask('validOnly')}
          data-testid="import-commit-valid"
        >
          只导入无错误的行（{batch.validRows}行，跳过{batch.errorRows}行）
        </Button>
      )}
      <Button onClick={onDiscard} disabled={busy !== null} data-testid="import-discard-current">
        放弃
      </Button>
    </Space>
  );
}
